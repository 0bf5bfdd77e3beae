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

import {
  HealthCheckContext,
  HealthCheckOutcome,
} from '@platform-portal/plugin-platform-node';

/**
 * A verification of one build-out step that no health check makes: read from
 * the cluster or an upstream when readiness is assessed.
 */
export interface BuildOutProbe {
  id: string;
  step: number;
  title: string;
  run(context: HealthCheckContext): Promise<HealthCheckOutcome>;
}

/** Kinds only build-out probes read, by apiVersion and kind. */
export const PROBE_KINDS = {
  longhornNode: ['longhorn.io/v1beta2', 'Node'],
  l2Advertisement: ['metallb.io/v1beta1', 'L2Advertisement'],
  bgpAdvertisement: ['metallb.io/v1beta1', 'BGPAdvertisement'],
  applicationSet: ['argoproj.io/v1alpha1', 'ApplicationSet'],
  nodeMetrics: ['metrics.k8s.io/v1beta1', 'NodeMetrics'],
} as const satisfies Record<string, readonly [string, string]>;
