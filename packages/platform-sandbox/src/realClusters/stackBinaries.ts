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

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pinnedToolVersion } from './goModules';
import { isExecutable } from './kubeBinaries';
import { REPO_ROOT } from './repoRoot';

/*
 * The stack's own controllers, built from their Go modules by
 * scripts/cert-manager-binaries.sh and scripts/metallb-binary.sh: found from
 * the env those print, else in their cache (the same paths they build to).
 */

export interface RealStackBinaries {
  certManagerController: string;
  metallbController: string;
}

function cacheRoot(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'platform-portal');
}

function certManagerCached(): string | undefined {
  try {
    const version = pinnedToolVersion('cert-manager', 'github.com/cert-manager/cert-manager');
    const tool = join(REPO_ROOT, 'tools/cert-manager');
    // As the script keys it: the entrypoint is ours, so its source is in the key.
    const hash = createHash('sha256')
      .update(readFileSync(join(tool, 'go.mod')))
      .update(readFileSync(join(tool, 'cmd/controller/main.go')))
      .digest('hex')
      .slice(0, 12);
    return join(cacheRoot(), 'cert-manager', `cert-manager-${version}-${hash}`, 'controller');
  } catch {
    return undefined;
  }
}

function metallbCached(): string | undefined {
  try {
    const version = pinnedToolVersion('metallb', 'go.universe.tf/metallb');
    return join(cacheRoot(), 'metallb', `metallb-${version}`, 'controller');
  } catch {
    return undefined;
  }
}

const BINARIES: Array<[keyof RealStackBinaries, string, () => string | undefined, string]> = [
  ['certManagerController', 'PLATFORM_TEST_CERT_MANAGER_CONTROLLER_BIN', certManagerCached, 'scripts/cert-manager-binaries.sh'],
  ['metallbController', 'PLATFORM_TEST_METALLB_CONTROLLER_BIN', metallbCached, 'scripts/metallb-binary.sh'],
];

export function findRealStackBinaries(): Partial<RealStackBinaries> {
  const found: Partial<RealStackBinaries> = {};
  for (const [key, variable, cached] of BINARIES) {
    const path = process.env[variable] || cached();
    if (isExecutable(path)) found[key] = path;
  }
  return found;
}

/**
 * The binaries a suite needs. Missing: under CI the suite fails with the
 * reason; elsewhere it is skipped with a note, like the other realkube suites.
 */
export function realStackBinariesForSuite<K extends keyof RealStackBinaries>(
  suite: string,
  needed: K[],
): Pick<RealStackBinaries, K> | undefined {
  const found = findRealStackBinaries();
  const missing = BINARIES.filter(([key]) => needed.includes(key as K) && !found[key]);
  if (missing.length === 0) return found as Pick<RealStackBinaries, K>;
  const message = missing.map(([, variable, , script]) => `${variable} is not built: run ${script} and export the line it prints`).join('; ');
  if (process.env.CI) throw new Error(`${suite}: ${message}`);
  // eslint-disable-next-line no-console
  console.warn(`Skipping "${suite}": ${message}`);
  return undefined;
}
