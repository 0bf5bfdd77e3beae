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

import { EntityNotConfigured } from './entity';

/**
 * Argo CD's own status words. Unknown values from a newer Argo CD are passed
 * through as they come, so they are typed as strings too.
 *
 * @public
 */
export type ArgocdSyncStatus = 'Synced' | 'OutOfSync' | 'Unknown' | string;

/** @public */
export type ArgocdHealthStatus =
  | 'Healthy'
  | 'Progressing'
  | 'Degraded'
  | 'Suspended'
  | 'Missing'
  | 'Unknown'
  | string;

/** @public */
export type ArgocdOperationPhase =
  | 'Running'
  | 'Terminating'
  | 'Failed'
  | 'Error'
  | 'Succeeded'
  | string;

/** One deployment in an application's `status.history`; `id` is what rollback takes. @public */
export interface ArgocdHistoryEntry {
  id: number;
  revision: string;
  deployedAt?: string;
  deployStartedAt?: string;
  /** Who started it: a user name, or `automated` for the sync policy. */
  initiatedBy?: string;
}

/** The last (or running) operation of an application. @public */
export interface ArgocdOperation {
  phase: ArgocdOperationPhase;
  message?: string;
  startedAt?: string;
  finishedAt?: string;
  /** Revision the operation syncs to. */
  revision?: string;
  initiatedBy?: string;
}

/** Counts over the application's resource tree and managed resources. @public */
export interface ArgocdResourceSummary {
  /** Nodes of the resource tree. */
  total: number;
  /** Nodes of the resource tree by health status; nodes without health are not counted. */
  byHealth: Record<string, number>;
  /** Managed resources whose sync status is not `Synced`. */
  outOfSync: number;
}

/** An Argo CD application of an entity, on one instance (one per cluster). @public */
export interface ArgocdApplication {
  /** The instance: the cluster whose Argo CD manages the application. */
  instance: string;
  name: string;
  project: string;
  syncStatus: ArgocdSyncStatus;
  healthStatus: ArgocdHealthStatus;
  healthMessage?: string;
  /** The revision the application is synced to. */
  revision?: string;
  /** True when `spec.syncPolicy.automated` is on: Argo CD then refuses rollback. */
  automatedSync: boolean;
  /** Newest first. */
  history: ArgocdHistoryEntry[];
  operation?: ArgocdOperation;
  /** Undefined when the resource tree could not be read. */
  resources?: ArgocdResourceSummary;
  images: string[];
  externalURLs: string[];
  destinationNamespace?: string;
}

/** An Argo CD instance that could not be read; the others are still listed. @public */
export interface ArgocdInstanceError {
  instance: string;
  message: string;
}

/** GET /api/platform/entity/:namespace/:kind/:name/argocd @public */
export type EntityArgocdResponse =
  | EntityNotConfigured
  | {
      configured: true;
      /** What selected the applications, e.g. `argocd/app-selector: app=x`. */
      selector: string;
      applications: ArgocdApplication[];
      instanceErrors: ArgocdInstanceError[];
      /**
       * Applications the selector matched but left out: their project belongs
       * to another team than the entity's owner (by the platform's ownership
       * config), or the viewer may not read them.
       */
      hiddenApplications: number;
      observedAt: string;
    };

/** POST .../argocd/:instance/:app/rollback @public */
export interface ArgocdRollbackRequest {
  /** The `id` of an entry of the application's history. */
  id: number;
}

/** What sync and rollback answer: the application with its operation started. @public */
export interface ArgocdOperationResponse {
  application: ArgocdApplication;
  message: string;
}
