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

import type * as Api from './schema/openapi/generated/models';
import { EntityAnswer } from './entity';

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
export type ArgocdHistoryEntry = Api.ArgocdHistoryEntry;

/** The last (or running) operation of an application. @public */
export type ArgocdOperation = Api.ArgocdOperation;

/** Counts over the application's resource tree and managed resources. @public */
export type ArgocdResourceSummary = Api.ArgocdResourceSummary;

/** An Argo CD application of an entity, on one instance (one per cluster). @public */
export type ArgocdApplication = Api.ArgocdApplication;

/** An Argo CD instance that could not be read; the others are still listed. @public */
export type ArgocdInstanceError = Api.ArgocdInstanceError;

/** GET /api/platform/entity/:namespace/:kind/:name/argocd @public */
export type EntityArgocdResponse = EntityAnswer<Api.EntityArgocdResponse>;

/** POST .../argocd/:instance/:app/rollback @public */
export type ArgocdRollbackRequest = Api.ArgocdRollbackRequest;

/** What sync and rollback answer: the application with its operation started. @public */
export type ArgocdOperationResponse = Api.ArgocdOperationResult;
