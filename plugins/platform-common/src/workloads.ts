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
import { ClusterReadError } from './entityNexus';

/** The workload kinds the Workloads tab shows. @public */
export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet';

/** Where a rollout stands, from the controller's status and conditions. @public */
export type RolloutState = 'complete' | 'progressing' | 'stuck' | 'degraded';

/** A HorizontalPodAutoscaler scaling a workload. @public */
export type WorkloadAutoscaler = {
  name: string;
  minReplicas: number;
  maxReplicas: number;
  currentReplicas: number;
  desiredReplicas: number;
};

/** A Deployment, StatefulSet or DaemonSet of the entity with its rollout. @public */
export type WorkloadRollout = {
  kind: WorkloadKind;
  name: string;
  desired: number;
  ready: number;
  updated: number;
  available: number;
  state: RolloutState;
  /** The controller's own words when the rollout is not complete. */
  message?: string;
  images: string[];
  autoscaler?: WorkloadAutoscaler;
};

/** How a container last ended. @public */
export type ContainerTermination = {
  reason: string;
  exitCode: number;
  finishedAt?: string;
};

/** A container of a pod as the kubelet reports it. @public */
export type WorkloadContainer = {
  name: string;
  image: string;
  ready: boolean;
  restarts: number;
  /** running, waiting or terminated. */
  state: 'running' | 'waiting' | 'terminated' | 'unknown';
  /** The waiting or terminated reason, e.g. CrashLoopBackOff. */
  reason?: string;
  message?: string;
  lastTermination?: ContainerTermination;
  /** The container's memory limit as the pod spec states it, e.g. `512Mi`. */
  memoryLimit?: string;
};

/** A pod of the entity. @public */
export type WorkloadPod = {
  name: string;
  phase: string;
  ready: boolean;
  node?: string;
  restarts: number;
  /** `Deployment/name`, `StatefulSet/name` or `DaemonSet/name`, when known. */
  workload?: string;
  containers: WorkloadContainer[];
};

/** The kinds of trouble the portal recognises. @public */
export type WorkloadFindingKind =
  | 'oom-killed'
  | 'crash-loop'
  | 'image-pull'
  | 'unschedulable'
  | 'probe-failing'
  | 'rollout-stuck'
  | 'hpa-at-max';

/** Something wrong, in plain words, with what to do next. @public */
export type WorkloadFinding = {
  kind: WorkloadFindingKind;
  severity: 'error' | 'warning';
  /** `Pod/name`, `Deployment/name`... */
  object: string;
  container?: string;
  /** Why, in plain words, with the numbers that show it. */
  cause: string;
  nextStep: string;
  /** Lines that back the cause: the previous container's last log lines, an event. */
  evidence?: string[];
};

/** A Kubernetes Event about one of the entity's objects. @public */
export type WorkloadEvent = {
  type: string;
  reason: string;
  message: string;
  /** `Pod/name`... */
  object: string;
  count: number;
  lastSeen?: string;
};

/** The entity's workloads on one cluster. @public */
export type ClusterWorkloads = {
  cluster: string;
  namespace: string;
  workloads: WorkloadRollout[];
  pods: WorkloadPod[];
  /** Worst first. */
  findings: WorkloadFinding[];
  /** Newest first. */
  events: WorkloadEvent[];
};

/** GET /api/platform/workloads/:namespace/:kind/:name @public */
export type EntityWorkloadsResponse =
  | EntityNotConfigured
  | {
      configured: true;
      namespace: string;
      /** The label selector the workloads were found by. */
      selector: string;
      /** Clusters where the entity runs, those with findings first. */
      clusters: ClusterWorkloads[];
      clusterErrors: ClusterReadError[];
      /**
       * Clusters where the namespace exists but belongs to another team than
       * the entity's owner (its platform-portal.io/owner or team label), or the viewer is not
       * in that team: left out.
       */
      hiddenClusters: number;
      observedAt: string;
    };

/**
 * One workload on one cluster for a restart or scale; `dryRun` asks the API
 * server only to validate and admit the change (nothing is stored).
 *
 * @public
 */
export type WorkloadActionRequest = {
  cluster: string;
  namespace: string;
  kind: WorkloadKind;
  name: string;
  dryRun: boolean;
};

/**
 * What a restart or scale did or would do. `argocd-owned`: nothing was
 * sent, since Argo CD manages the replica count; `argocd` says where.
 *
 * @public
 */
export type WorkloadActionResult = {
  action: 'restart' | 'scale';
  dryRun: boolean;
  outcome: 'previewed' | 'done' | 'argocd-owned';
  message: string;
  workload: Omit<WorkloadActionRequest, 'dryRun'>;
  replicas?: { from: number; to: number };
  restartedAt?: string;
  argocd?: { instance: string; application?: string; url?: string };
};
