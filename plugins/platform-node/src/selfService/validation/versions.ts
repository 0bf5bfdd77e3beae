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

import { invalid, printable, requireString } from './names';

/**
 * A Kubernetes release: major 1, minor and patch.
 *
 * @public
 */
export interface KubernetesVersion {
  minor: number;
  patch: number;
}

const VERSION = /^v1\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})$/;

/**
 * Parses `v1.33.4`; a `+rke2r1` style build suffix is accepted on cluster-reported versions only.
 *
 * @public
 */
export function parseKubernetesVersion(
  field: string,
  value: unknown,
  options: { allowBuildSuffix?: boolean } = {},
): KubernetesVersion {
  const text = requireString(field, value);
  const core = options.allowBuildSuffix
    ? text.replace(/\+[a-z0-9]{1,20}$/, '')
    : text;
  const match = VERSION.exec(core);
  if (!match)
    invalid(
      field,
      `"${printable(text)}" is not a Kubernetes version such as v1.33.4`,
    );
  return { minor: Number(match[1]), patch: Number(match[2]) };
}

/** @public */
export function formatVersion(version: KubernetesVersion): string {
  return `v1.${version.minor}.${version.patch}`;
}

/**
 * Upgrades go forward one minor version at a time (Kubernetes' version skew
 * policy); a patch upgrade within the same minor is fine too.
 *
 * @public
 */
export function requireUpgradeStep(
  field: string,
  current: KubernetesVersion,
  target: KubernetesVersion,
): void {
  const minorStep = target.minor - current.minor;
  if (minorStep < 0 || (minorStep === 0 && target.patch <= current.patch)) {
    invalid(
      field,
      `${formatVersion(target)} is not newer than the running ${formatVersion(
        current,
      )}`,
    );
  }
  if (minorStep > 1) {
    invalid(
      field,
      `${formatVersion(
        target,
      )} skips minor versions; upgrade from ${formatVersion(current)} to v1.${
        current.minor + 1
      }.x first`,
    );
  }
}
