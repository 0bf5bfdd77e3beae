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

import { InputError } from '@backstage/errors';

export interface KubeVersion {
  major: number;
  minor: number;
  patch?: number;
}

/** `v1.33.4`, `v1.33.4+rke2r1`, `1.33`; undefined for anything else. */
export function parseVersion(
  text: string | undefined,
): KubeVersion | undefined {
  const match = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:[-+].*)?$/.exec(
    text?.trim() ?? '',
  );
  if (!match) return undefined;
  return {
    major: Number(match[1]),
    minor: Number(match[2]),
    ...(match[3] !== undefined ? { patch: Number(match[3]) } : {}),
  };
}

export function formatMinor(version: KubeVersion): string {
  return `${version.major}.${version.minor}`;
}

export function formatVersion(version: KubeVersion): string {
  return version.patch === undefined
    ? `v${formatMinor(version)}`
    : `v${formatMinor(version)}.${version.patch}`;
}

/** The next minor release after `version`. */
export function nextMinor(version: KubeVersion): KubeVersion {
  return { major: version.major, minor: version.minor + 1 };
}

/**
 * The `target` query parameter: `1.xx` or `1.xx.y` (a leading `v` allowed),
 * a newer minor than the cluster runs.
 */
export function parseTarget(raw: unknown, current: KubeVersion): KubeVersion {
  if (typeof raw !== 'string' || raw.length > 20) {
    throw new InputError(
      "Invalid query parameter 'target': a Kubernetes minor such as 1.34 or a release such as 1.34.1",
    );
  }
  const target = /^v?1\.\d{1,3}(\.\d{1,3})?$/.test(raw)
    ? parseVersion(raw)
    : undefined;
  if (!target) {
    throw new InputError(
      `Invalid query parameter 'target': "${raw.replace(
        /[^\w.+-]/g,
        '?',
      )}" is not a Kubernetes minor such as 1.34 or a release such as 1.34.1`,
    );
  }
  if (target.major !== current.major || target.minor <= current.minor) {
    throw new InputError(
      `Invalid query parameter 'target': ${formatMinor(
        target,
      )} is not a newer minor than the cluster's ${formatVersion(current)}`,
    );
  }
  return target;
}

/** The tag of an image reference, without a digest: `quay.io/cilium/cilium:v1.18.4` → `v1.18.4`. */
export function imageTag(image: string): string | undefined {
  const withoutDigest = image.split('@')[0];
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  return colon > slash ? withoutDigest.slice(colon + 1) : undefined;
}
