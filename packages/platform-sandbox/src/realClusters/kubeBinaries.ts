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

import { accessSync, constants, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './repoRoot';

/*
 * Where scripts/kube-binaries.sh puts the control plane it builds: a cache
 * outside the repository keyed by the versions tools/kube/go.mod pins.
 */

export interface RealKubeBinaries {
  apiserver: string;
  etcd: string;
}

export function isExecutable(path: string | undefined): path is string {
  if (!path) return false;
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Where scripts/kube-binaries.sh puts the pinned versions when no env says so. */
export function defaultCacheDir(): string | undefined {
  try {
    const goMod = readFileSync(join(REPO_ROOT, 'tools/kube/go.mod'), 'utf8');
    const version = (module: string) =>
      goMod.match(
        new RegExp(`^\\s*${module.replace(/\./g, '\\.')}\\s+(v\\S+)`, 'm'),
      )?.[1];
    const kube = version('k8s.io/kubernetes');
    const etcd = version('go.etcd.io/etcd/server/v3');
    const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
    return kube && etcd
      ? join(cache, 'platform-portal/kube', `kubernetes-${kube}-etcd-${etcd}`)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The binaries from the env `scripts/kube-binaries.sh` prints, else from its cache. */
export function findRealKubeBinaries(): RealKubeBinaries | undefined {
  const dir = defaultCacheDir();
  const apiserver =
    process.env.PLATFORM_TEST_KUBE_APISERVER_BIN ||
    (dir && join(dir, 'kube-apiserver'));
  const etcd = process.env.PLATFORM_TEST_ETCD_BIN || (dir && join(dir, 'etcd'));
  return isExecutable(apiserver) && isExecutable(etcd)
    ? { apiserver, etcd }
    : undefined;
}

/**
 * The binaries for a suite that needs the real control plane. Without them a
 * CI run fails the suite (a skipped suite would hide that nothing ran);
 * elsewhere the suite is skipped with a note saying how to get them.
 */
export function realKubeBinariesForSuite(
  suite: string,
): RealKubeBinaries | undefined {
  const binaries = findRealKubeBinaries();
  if (binaries) {
    return binaries;
  }
  const message =
    'kube-apiserver and etcd are not built: run scripts/kube-binaries.sh and export the PLATFORM_TEST_KUBE_APISERVER_BIN and PLATFORM_TEST_ETCD_BIN lines it prints';
  if (process.env.CI) {
    throw new Error(`${suite}: ${message}`);
  }
  // eslint-disable-next-line no-console
  console.warn(`Skipping "${suite}": ${message}`);
  return undefined;
}
