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
    clusters?: Array<{
      kubernetes: {
        /**
         * Bearer token the self-service scaffolder actions write with (team
         * namespaces, routes, certificates, volumes, Applications, Cluster API
         * objects). Falls back to `token` when absent.
         * @visibility secret
         */
        writeToken?: string;
        /** PEM of the CA of the API server's certificate. */
        caData?: string;
        /** Do not verify the API server's certificate (development only). */
        skipTLSVerify?: boolean;
      };
    }>;
  };
}
