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
  platform?: {
    /** Self-service templates. */
    selfService?: {
      /**
       * Domains the hostnames of routes and certificates must sit below:
       * the scaffolder actions check them, the templates' hostname field
       * offers them. The rest of `platform.selfService` is declared by
       * plugins/platform-node.
       * @visibility frontend
       */
      allowedDomains?: string[];
    };
    /** Where the portal's deep links lead; read by the browser. */
    links?: {
      grafana?: {
        /**
         * Grafana's public base URL, e.g. https://grafana.example.com.
         * @visibility frontend
         */
        baseUrl: string;
        /**
         * Uid of the dashboard that shows one cluster (variable `cluster`).
         * @visibility frontend
         */
        clusterDashboardUid?: string;
        /** Datasource uids for Explore links. */
        datasources?: {
          /** @visibility frontend */
          prometheus?: string;
          /** @visibility frontend */
          loki?: string;
          /** @visibility frontend */
          tempo?: string;
        };
      };
    };
  };
}
