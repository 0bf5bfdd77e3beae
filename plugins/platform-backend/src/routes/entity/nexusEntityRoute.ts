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

import { ServiceUnavailableError } from '@backstage/errors';
import {
  ANNOTATIONS,
  EntityNexusResponse,
  NexusArtifact,
} from '@platform-portal/plugin-platform-common';
import { notConfigured as upstreamNotConfigured } from '../../clients/UpstreamClients';
import { NexusSearchComponent } from '../../clients/nexus/NexusSearchClient';
import {
  parseImage,
  entityWorkloads,
  WorkloadSummary,
} from './clusterWorkloads';
import { annotationOf, notConfigured } from './entityAnnotations';
import { EntityRouteContext } from './EntityRouteContext';

export function artifactOf(
  format: 'docker' | 'helm',
  name: string,
  components: NexusSearchComponent[],
): NexusArtifact {
  return {
    format,
    name,
    versions: components.map(c => {
      const assets = c.assets ?? [];
      const sizes = assets
        .map(a => a.fileSize)
        .filter((s): s is number => typeof s === 'number');
      const modified = assets
        .map(a => a.lastModified)
        .filter((m): m is string => Boolean(m))
        .sort();
      return {
        version: c.version,
        repository: c.repository,
        ...(sizes.length
          ? { sizeBytes: sizes.reduce((a, b) => a + b, 0) }
          : {}),
        ...(modified.length
          ? { lastModified: modified[modified.length - 1] }
          : {}),
        clusters: [],
      };
    }),
  };
}

/** The version of `artifact` a workload runs, if it runs it at all. */
function runningVersion(
  artifact: NexusArtifact,
  workload: WorkloadSummary,
): string | undefined {
  if (artifact.format === 'docker') {
    for (const image of workload.images) {
      const { repository, tag } = parseImage(image);
      if (
        tag &&
        (repository === artifact.name ||
          repository.endsWith(`/${artifact.name}`))
      ) {
        return tag;
      }
    }
    return undefined;
  }
  // Helm labels its objects `helm.sh/chart: <chart>-<version>`; without it
  // the chart's app version label is the best evidence.
  const chartLabel = workload.labels['helm.sh/chart'];
  if (chartLabel) {
    return chartLabel.startsWith(`${artifact.name}-`)
      ? chartLabel.slice(artifact.name.length + 1)
      : undefined;
  }
  return workload.labels['app.kubernetes.io/version'];
}

/** GET /entity/:namespace/:kind/:name/nexus */
export function nexusEntityRoute(context: EntityRouteContext): void {
  const { router, entities, clients, cache, clusters, ownership } = context;
  router.get('/entity/:namespace/:kind/:name/nexus', async (req, res) => {
    const { entity, credentials } = await entities.load(req);
    const image = annotationOf(entity, ANNOTATIONS.nexusDockerImage);
    const chart = annotationOf(entity, ANNOTATIONS.nexusHelmChart);
    if (!image && !chart) {
      const body: EntityNexusResponse = notConfigured(entity, [
        ANNOTATIONS.nexusDockerImage,
        ANNOTATIONS.nexusHelmChart,
      ]);
      res.json(body);
      return;
    }
    const nexus = clients.nexusSearch();
    if (!nexus) {
      throw new ServiceUnavailableError(upstreamNotConfigured('nexus'));
    }
    const wanted: Array<['docker' | 'helm', string]> = [];
    if (image) wanted.push(['docker', image]);
    if (chart) wanted.push(['helm', chart]);
    const [artifacts, running] = await Promise.all([
      Promise.all(
        wanted.map(([format, name]) =>
          cache.read(`nexus:${format}:${name}`, async () =>
            artifactOf(format, name, await nexus.components(format, name)),
          ),
        ),
      ),
      entityWorkloads(entity, clients, clusters, cache),
    ]);
    const actor = await ownership.actor(credentials);
    let hiddenVersions = 0;
    // Cached artifacts are shared: build new objects, never change them.
    const withClusters = artifacts.map(artifact => ({
      ...artifact,
      versions: artifact.versions
        .filter(version => {
          const shown = ownership.mayShow(
            ownership.nexusOwner(version.repository, artifact.name),
            entity,
            actor,
          );
          if (!shown) hiddenVersions += 1;
          return shown;
        })
        .map(version => ({
          ...version,
          clusters: [
            ...new Set(
              running.workloads
                .filter(w => runningVersion(artifact, w) === version.version)
                .map(w => w.cluster),
            ),
          ].sort(),
        })),
    }));
    const body: EntityNexusResponse = {
      configured: true,
      artifacts: withClusters,
      clusterErrors: running.errors,
      hiddenVersions,
      observedAt: new Date().toISOString(),
    };
    res.json(body);
  });
}
