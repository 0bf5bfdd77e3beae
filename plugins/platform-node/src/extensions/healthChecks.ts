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

import { createExtensionPoint } from '@backstage/backend-plugin-api';
import {
  HealthEvidence,
  HealthVerdict,
  LayerId,
} from '@platform-portal/plugin-platform-common';

/**
 * A cluster as health checks see it: identity and role, never credentials.
 *
 * @public
 */
export interface HealthCheckCluster {
  name: string;
  provisioner: 'cluster-api' | 'kubeadm' | 'rke2';
  environment?: string;
  region?: string;
  management: boolean;
  managementCluster?: string;
}

/**
 * The minimal shape of a Kubernetes object a check reads.
 *
 * @public
 */
export interface KubernetesObjectLike {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    creationTimestamp?: string | Date;
  };
  [key: string]: unknown;
}

/**
 * Read access to one cluster's Kubernetes API. Lists are shared between the
 * checks of one refresh, so asking twice costs one request.
 *
 * @public
 */
export interface HealthCheckKubernetesReader {
  list<T extends KubernetesObjectLike = KubernetesObjectLike>(
    apiVersion: string,
    kind: string,
  ): Promise<{ items: T[]; observedAt: string }>;
}

/** @public */
export interface HealthCheckContext {
  cluster: HealthCheckCluster;
  kubernetes: HealthCheckKubernetesReader;
  /** The Cluster API management cluster that declares this cluster, if any. */
  managementKubernetes?: HealthCheckKubernetesReader;
  now: Date;
  signal: AbortSignal;
}

/** What one check concluded, with the facts it looked at. @public */
export interface HealthCheckOutcome {
  verdict: HealthVerdict;
  message: string;
  evidence: HealthEvidence[];
}

/**
 * One named signal of one layer, e.g. "Longhorn volumes are healthy".
 *
 * @public
 */
export interface PlatformHealthCheck {
  /** Unique id, e.g. `storage.longhorn-volumes`. */
  id: string;
  layer: LayerId;
  title: string;
  /** Runbook id from the platform guide that applies when the check fails. */
  runbook?: string;
  /** The step of the 50-step build-out this check verifies. */
  buildOutStep?: number;
  /** Whether the check applies to this cluster; all clusters when absent. */
  appliesTo?(cluster: HealthCheckCluster): boolean;
  run(context: HealthCheckContext): Promise<HealthCheckOutcome>;
}

/**
 * Lets other teams add health checks to the platform health engine without
 * forking it; the platform's own checks register through it too.
 *
 * @public
 */
export interface PlatformHealthChecksExtensionPoint {
  addHealthChecks(
    ...checks: Array<PlatformHealthCheck | PlatformHealthCheck[]>
  ): void;
}

/** @public */
export const platformHealthChecksExtensionPoint =
  createExtensionPoint<PlatformHealthChecksExtensionPoint>({
    id: 'platform.health-checks',
  });
