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

/** How a cluster was made. @public */
export type ClusterProvisioner = 'cluster-api' | 'kubeadm' | 'rke2';

/**
 * A cluster the portal knows, without its credentials: what templates and
 * actions may see and choose by name.
 *
 * @public
 */
export interface PlatformCluster {
  name: string;
  provisioner: ClusterProvisioner;
  environment?: string;
  region?: string;
  /** True for a Cluster API management cluster. */
  management: boolean;
  /** For Cluster API workload clusters: the management cluster's name. */
  managementCluster?: string;
  /** Where the cluster is configured, e.g. `platform.clusters[2]`, for errors that name the key to fix. */
  configKey?: string;
}

/** Configured connection details of one cluster. @public */
export interface ClusterConnection extends PlatformCluster {
  url: string;
  /** Token for reads (dashboards, health). */
  token?: string;
  /** Token for writes by self-service actions; falls back to `token`. */
  writeToken?: string;
  /** PEM of the CA that signed the API server's certificate. */
  caData?: string;
  /** Skip TLS verification; needed by the client to send a token over plain HTTP. */
  skipTLSVerify: boolean;
}
