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

import { SizingNode } from '@platform-portal/plugin-platform-common';

/** What the sizing rules read of one cluster. */
export interface SizingInput {
  profile: 'production' | 'minimum';
  nodes: SizingNode[];
  /** Pods scheduled on the cluster's nodes, not finished. */
  pods: number;
  /** Distinct Keepalived hosts; undefined when they could not be seen. */
  loadBalancerHosts?: number;
  /** Why Keepalived could not be read, when it could not. */
  loadBalancerError?: string;
  /** Active series of the cluster in Mimir, when Prometheus answers. */
  activeSeries?: number;
  /** Requests of everything in the monitoring namespace. */
  monitoringRequests: { cpu: number; memoryGiB: number };
}
