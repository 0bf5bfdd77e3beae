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

import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RealKubeApiServer } from './controlPlane';
import { kubeRequester } from './kubeRequest';

/*
 * The state file a launcher writes once its clusters answer: where each one
 * is, the file of its CA and of each token (never the tokens themselves), and
 * a kubeconfig. Tests and `make start` find it through PLATFORM_REAL_KUBE_STATE.
 */

export const REAL_KUBE_STATE_ENV = 'PLATFORM_REAL_KUBE_STATE';

export interface RealClusterEntry {
  /** https://127.0.0.1:PORT */
  url: string;
  caFile: string;
  adminTokenFile: string;
  readerTokenFile: string;
  /** A ServiceAccount token per team, bound to edit rights in the team's namespaces. */
  teamTokenFiles: Record<string, string>;
  /** ca.crt, ca.key, sa.key, sa.pub as kubeadm lays them out. */
  pkiDir: string;
  /** kube-controller-manager, kube-scheduler and kwok run beside the API server. */
  controllers: boolean;
  /** The stack's controllers running beside it (cert-manager, MetalLB). */
  stack?: Array<'certManagerController' | 'metallbController'>;
  /** An admin kubeconfig of this cluster alone. */
  kubeconfig: string;
}

export interface RealClustersState {
  /** The launcher's pid, so a reader can tell a stale file. */
  pid: number;
  clusters: Record<string, RealClusterEntry>;
}

/** Writes the file in one step, so a reader never sees half of it. */
export function writeClusterState(file: string, state: RealClustersState) {
  const partial = join(dirname(file), `.${Date.now()}.partial`);
  writeFileSync(partial, JSON.stringify(state, null, 2), { mode: 0o600 });
  renameSync(partial, file);
}

export function readClusterState(file: string): RealClustersState {
  if (!existsSync(file)) {
    throw new Error(
      `${REAL_KUBE_STATE_ENV} names ${file}, which does not exist (is the launcher still starting?)`,
    );
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** A cluster a launcher runs; stop() leaves it running, since the launcher owns it. */
export function connectRealCluster(entry: RealClusterEntry): RealKubeApiServer {
  const read = (file: string) => readFileSync(file, 'utf8').trim();
  const caData = readFileSync(entry.caFile, 'utf8');
  const adminToken = read(entry.adminTokenFile);
  return {
    url: entry.url,
    caData,
    pkiDir: entry.pkiDir,
    adminToken,
    readerToken: read(entry.readerTokenFile),
    request: kubeRequester(entry.url, caData, adminToken),
    stop: async () => {},
  };
}

/** The launcher's cluster named `name`, when PLATFORM_REAL_KUBE_STATE is set. */
export function sharedRealCluster(
  name: string,
): { kube: RealKubeApiServer; entry: RealClusterEntry } | undefined {
  const file = process.env[REAL_KUBE_STATE_ENV];
  if (!file) return undefined;
  const entry = readClusterState(file).clusters[name];
  if (!entry) {
    throw new Error(`${file} has no cluster named ${name}`);
  }
  return { kube: connectRealCluster(entry), entry };
}
