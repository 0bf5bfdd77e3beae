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

export interface Config {
  /** Configuration of the platform plugins. */
  platform?: {
    /**
     * Set when the portal talks to platform-sandbox, the simulated fleet. The
     * portal then says so in a banner on every platform page.
     */
    sandbox?: {
      /** @visibility frontend */
      enabled: boolean;
      /** URL of the sandbox control API, used by tests and benchmarks only. */
      controlUrl?: string;
      /** Base URL of the simulated upstream APIs. */
      apiUrl?: string;
      /** Base URL of each simulated upstream, by upstream id. */
      upstreams?: { [upstream: string]: string };
    };
    /**
     * Clusters the portal watches. Cluster API workload clusters are also
     * discovered from the management clusters listed here.
     */
    clusters?: Array<{
      /** Unique cluster name, a DNS-1123 label. */
      name: string;
      /** How the cluster was made. */
      provisioner: 'cluster-api' | 'kubeadm' | 'rke2';
      /** e.g. production, staging, development, management. */
      environment?: string;
      /** Region or data centre, for filtering. */
      region?: string;
      /** True for a Cluster API management cluster. */
      management?: boolean;
      /** For Cluster API workload clusters: the management cluster's name. */
      managementCluster?: string;
      /** How the portal reaches the cluster's Kubernetes API server. */
      kubernetes: {
        /** Base URL of the API server. */
        url: string;
        /**
         * Bearer token of the portal's service account on this cluster.
         * @visibility secret
         */
        token?: string;
      };
    }>;
  };
}
