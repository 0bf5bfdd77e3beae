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

import { KubeConfig } from '@kubernetes/client-node';
import { PlatformCluster } from './PlatformCluster';

/** Whether the caller reads or writes; writes use the cluster's write token. @public */
export type ClusterAccessMode = 'read' | 'write';

/**
 * Gives access to the platform's clusters by name. Callers never pass URLs
 * or tokens: those stay in the portal's configuration.
 *
 * @public
 */
export interface ClusterAccessService {
  /** Every configured cluster, without credentials. */
  listClusters(): PlatformCluster[];
  /** The cluster with this name; throws NotFoundError when there is none. */
  getCluster(name: string): PlatformCluster;
  /** A KubeConfig for the named cluster; throws NotFoundError when there is none. */
  kubeConfig(name: string, mode?: ClusterAccessMode): KubeConfig;
}
