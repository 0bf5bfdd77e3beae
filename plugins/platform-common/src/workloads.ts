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

/** The workload kinds the Workloads tab shows. @public */
export type WorkloadKind = Api.WorkloadKind;

/** Where a rollout stands, from the controller's status and conditions. @public */
export type RolloutState = Api.RolloutState;

/** A HorizontalPodAutoscaler scaling a workload. @public */
export type WorkloadAutoscaler = Api.WorkloadAutoscaler;

/** A Deployment, StatefulSet or DaemonSet of the entity with its rollout. @public */
export type WorkloadRollout = Api.WorkloadRollout;

/** How a container last ended. @public */
export type ContainerTermination = Api.ContainerTermination;

/** A container of a pod as the kubelet reports it. @public */
export type WorkloadContainer = Api.WorkloadContainer;

/** A pod of the entity. @public */
export type WorkloadPod = Api.WorkloadPod;

/** The kinds of trouble the portal recognises. @public */
export type WorkloadFindingKind = Api.WorkloadFindingKind;

/** Something wrong, in plain words, with what to do next. @public */
export type WorkloadFinding = Api.WorkloadFinding;

/** A Kubernetes Event about one of the entity's objects. @public */
export type WorkloadEvent = Api.WorkloadEvent;

/** The entity's workloads on one cluster. @public */
export type ClusterWorkloads = Api.ClusterWorkloads;

/** GET /api/platform/workloads/:namespace/:kind/:name @public */
export type EntityWorkloadsResponse = EntityAnswer<Api.EntityWorkloadsResponse>;

/**
 * One workload on one cluster for a restart or scale; `dryRun` asks the API
 * server only to validate and admit the change (nothing is stored).
 *
 * @public
 */
export type WorkloadActionRequest = Api.WorkloadActionRequest;

/**
 * What a restart or scale did or would do. `argocd-owned`: nothing was
 * sent, since Argo CD manages the replica count; `argocd` says where.
 *
 * @public
 */
export type WorkloadActionResult = Api.WorkloadActionResult;
