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

import { FaultSpec } from '../../scenario/types';

/** The sandbox's record of one Argo CD Application; rendered into upstream JSON on read. */
export interface ArgoApp {
  name: string;
  uid: string;
  project: string;
  labels: Record<string, string>;
  destinationNamespace: string;
  repoURL: string;
  path: string;
  /** Docker image repository, for `status.summary.images` and the resource tree. */
  image?: string;
  replicas: number;
  hostname?: string;
  automated: boolean;
  /** Every version that can be deployed, oldest first. */
  versions: string[];
  /** Version currently running. */
  version: string;
  createdAt: string;
  history: HistoryEntry[];
  operation?: SyncOperation;
  /** When the last successful sync finished; the app is Progressing for a while after. */
  lastSyncedAt?: number;
  /**
   * The out-of-sync fault a successful sync repaired: the app stays Synced
   * until that fault is injected again (a new fault object).
   */
  repairedFault?: FaultSpec;
}

export interface HistoryEntry {
  id: number;
  version: string;
  revision: string;
  deployedAt: string;
  deployStartedAt: string;
  initiatedBy: { username?: string; automated?: boolean };
}

export interface SyncOperation {
  kind: 'sync' | 'rollback';
  targetVersion: string;
  startedAt: number;
  /** Fixed when the operation ends. */
  phase: 'Running' | 'Succeeded' | 'Failed';
  finishedAt?: number;
  message: string;
  username: string;
  prune: boolean;
  rollbackId?: number;
}
