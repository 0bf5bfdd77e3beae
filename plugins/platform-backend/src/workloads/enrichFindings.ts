/*
 * Copyright 2026 The Platform Portal Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

import { WorkloadFinding } from '@platform-portal/plugin-platform-common';
import { NamespacedKubernetesReader } from '../clients/kubernetes/NamespacedKubernetesReader';
import { NexusSearchClient } from '../clients/nexus/NexusSearchClient';
import { PrometheusClient } from '../clients/prometheus/PrometheusClient';
import { parseImage } from '../routes/entity/clusterWorkloads';

/** Enough of a crashed container's log to show what it died of. */
export const PREVIOUS_LOG_LINES = 10;

/** Where findings get the facts that back them; any may be missing. */
export interface FindingSources {
  cluster: string;
  namespace: string;
  reader: NamespacedKubernetesReader;
  prometheus?: PrometheusClient;
  nexus?: NexusSearchClient;
}

const message = (error: unknown) =>
  error instanceof Error ? error.message : String(error);

/** PromQL label values are double-quoted strings. */
const quote = (value: string) => JSON.stringify(value);

/** A cause ends in a full stop before the next sentence is added. */
const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

function mebibytes(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)}Mi`;
}

function podName(finding: WorkloadFinding): string {
  return finding.object.replace(/^Pod\//, '');
}

async function withPreviousLog(
  finding: WorkloadFinding,
  sources: FindingSources,
): Promise<WorkloadFinding> {
  try {
    const log = await sources.reader.podLog(
      sources.namespace,
      podName(finding),
      {
        container: finding.container!,
        previous: true,
        tailLines: PREVIOUS_LOG_LINES,
      },
    );
    const lines =
      'text' in log
        ? log.text.split('\n').filter(Boolean)
        : [`The log could not be read: ${'refused' in log ? log.refused : ''}`];
    return { ...finding, evidence: lines };
  } catch (error) {
    return {
      ...finding,
      evidence: [
        `The previous container's log could not be read: ${message(error)}`,
      ],
    };
  }
}

async function withMemoryPeak(
  finding: WorkloadFinding,
  sources: FindingSources,
): Promise<WorkloadFinding> {
  if (!sources.prometheus) {
    return {
      ...finding,
      cause: `${sentence(
        finding.cause,
      )} Prometheus is not configured, so its peak is unknown.`,
    };
  }
  const selector = [
    `cluster=${quote(sources.cluster)}`,
    `namespace=${quote(sources.namespace)}`,
    `pod=${quote(podName(finding))}`,
    `container=${quote(finding.container ?? '')}`,
  ].join(',');
  try {
    const { data } = await sources.prometheus.query(
      `max(max_over_time(container_memory_working_set_bytes{${selector}}[1h]))`,
    );
    const peak = Number(data[0]?.value?.[1]);
    return {
      ...finding,
      cause: Number.isFinite(peak)
        ? `${sentence(finding.cause)} Its memory peaked at ${mebibytes(
            peak,
          )} in the last hour.`
        : `${sentence(
            finding.cause,
          )} Prometheus has no memory samples of it in the last hour.`,
    };
  } catch (error) {
    return {
      ...finding,
      cause: `${sentence(
        finding.cause,
      )} Its peak could not be read from Prometheus: ${message(error)}`,
    };
  }
}

async function withNexusTag(
  finding: WorkloadFinding,
  image: string,
  sources: FindingSources,
): Promise<WorkloadFinding> {
  const { repository, tag = 'latest' } = parseImage(image);
  if (!sources.nexus) {
    return {
      ...finding,
      cause: `${sentence(
        finding.cause,
      )} Nexus is not configured, so whether tag ${tag} exists is unknown.`,
    };
  }
  try {
    const versions = (await sources.nexus.components('docker', repository)).map(
      c => c.version,
    );
    if (versions.includes(tag)) {
      return {
        ...finding,
        cause: `${sentence(
          finding.cause,
        )} Tag ${tag} of ${repository} exists in Nexus, so the registry refused the node or could not be reached.`,
        nextStep:
          "Check the namespace's pull secret (imagePullSecrets) and that the nodes can reach the registry; the image itself is there.",
      };
    }
    return {
      ...finding,
      cause: `${sentence(
        finding.cause,
      )} Nexus has no tag ${tag} of ${repository}${
        versions.length ? ` (newest: ${versions.slice(0, 3).join(', ')})` : ''
      }.`,
      nextStep:
        'Set the image tag in the chart values to one that was published, or let the pipeline publish this one first.',
    };
  } catch (error) {
    return {
      ...finding,
      cause: `${sentence(
        finding.cause,
      )} Whether tag ${tag} exists could not be read from Nexus: ${message(
        error,
      )}`,
    };
  }
}

/**
 * Adds what each finding needs to be acted on: the previous container's last
 * lines for a crash loop, the memory peak for an OOM kill, whether the tag is
 * in Nexus for a failing pull. A source that fails says so in the finding.
 */
export async function enrichFindings(
  findings: WorkloadFinding[],
  imageOf: (finding: WorkloadFinding) => string | undefined,
  sources: FindingSources,
): Promise<WorkloadFinding[]> {
  return Promise.all(
    findings.map(finding => {
      if (finding.kind === 'crash-loop' && finding.container) {
        return withPreviousLog(finding, sources);
      }
      if (finding.kind === 'oom-killed')
        return withMemoryPeak(finding, sources);
      const image = imageOf(finding);
      if (finding.kind === 'image-pull' && image) {
        return withNexusTag(finding, image, sources);
      }
      return Promise.resolve(finding);
    }),
  );
}
