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

import { UpgradeFinding } from '@platform-portal/plugin-platform-common';
import { KubeObject } from '../../health/checks/support';
import { AddonCompatibility, ADDONS } from '../deprecations';
import { formatMinor, imageTag, KubeVersion, parseVersion } from '../versions';

function minorNumber(text: string): number {
  return Number(text.split('.')[1]);
}

function installedImage(
  addon: AddonCompatibility,
  workloads: KubeObject[],
): { image: string; ref: string } | undefined {
  for (const w of addon.workloads) {
    const found = workloads.find(
      o =>
        o.kind === w.kind &&
        o.metadata?.namespace === w.namespace &&
        o.metadata?.name === w.name,
    );
    const image = (
      found as
        | {
            spec?: {
              template?: { spec?: { containers?: Array<{ image?: string }> } };
            };
          }
        | undefined
    )?.spec?.template?.spec?.containers?.[0]?.image;
    if (image) return { image, ref: `${w.kind} ${w.namespace}/${w.name}` };
  }
  return undefined;
}

/**
 * Each add-on the cluster runs, by the release its image tag names, against
 * the Kubernetes range its project publishes for that release.
 */
export function addonFindings(
  workloads: KubeObject[],
  target: KubeVersion,
): UpgradeFinding[] {
  const findings: UpgradeFinding[] = [];
  const wanted = formatMinor(target);
  for (const addon of ADDONS) {
    const installed = installedImage(addon, workloads);
    if (!installed) continue;
    const tag = imageTag(installed.image);
    const version = parseVersion(tag);
    const evidence = [
      {
        object: installed.ref,
        field: 'spec.template.spec.containers[0].image',
        value: installed.image,
      },
    ];
    const release =
      version &&
      (addon.releases.find(
        r => r.line === `${version.major}.${version.minor}`,
      ) ??
        addon.releases.find(r => r.line === String(version.major)));
    if (!version || !release) {
      findings.push({
        id: `addon:${addon.id}`,
        kind: 'addon',
        severity: 'warning',
        title: `${addon.name} ${
          tag ?? '(untagged image)'
        }: no compatibility row for this release`,
        message: `The compatibility table has no row for ${addon.name} ${
          tag ?? installed.image
        }; check its support matrix for Kubernetes ${wanted} by hand. ${
          addon.policy
        }`,
        evidence,
        runbook: [
          `Read ${addon.name}'s support matrix for Kubernetes ${wanted}.`,
          'Add the release to the compatibility table with its source.',
        ],
        source: addon.releases[0]?.source,
      });
      continue;
    }
    const tooNew =
      release.maxKubernetes !== undefined &&
      target.minor > minorNumber(release.maxKubernetes);
    const tooOld =
      release.minKubernetes !== undefined &&
      target.minor < minorNumber(release.minKubernetes);
    if (!tooNew && !tooOld) continue;
    const range = `${release.minKubernetes ?? 'any'}–${
      release.maxKubernetes ?? 'any'
    }`;
    const blocking = tooOld || addon.beyondRange === 'unsupported';
    const newer = addon.releases
      .filter(
        r =>
          r.maxKubernetes === undefined ||
          minorNumber(r.maxKubernetes) >= target.minor,
      )
      .filter(
        r =>
          r.minKubernetes === undefined ||
          minorNumber(r.minKubernetes) <= target.minor,
      )
      .map(r => r.line);
    findings.push({
      id: `addon:${addon.id}`,
      kind: 'addon',
      severity: blocking ? 'blocker' : 'warning',
      title: `${addon.name} ${tag} ${
        blocking ? 'does not support' : 'is not tested on'
      } Kubernetes ${wanted}`,
      message: `${addon.name} ${release.line} ${
        addon.beyondRange === 'untested' && !tooOld
          ? 'is tested on'
          : 'supports'
      } Kubernetes ${range}. ${addon.policy}`,
      evidence: [
        ...evidence,
        {
          object: `${addon.name} ${release.line}`,
          field: 'supported Kubernetes',
          value: range,
        },
      ],
      runbook: [
        newer.length
          ? `Upgrade ${
              addon.name
            } to a release that covers Kubernetes ${wanted} (${newer.join(
              ', ',
            )}) before the cluster.`
          : `Upgrade ${addon.name} to a release whose support matrix lists Kubernetes ${wanted} before the cluster.`,
        'Upgrade it through the GitOps repository that installs it, then plan again.',
      ],
      source: release.source,
    });
  }
  return findings;
}
