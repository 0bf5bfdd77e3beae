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
    catalog?: {
      /** How the catalog ingests the fleet's clusters. */
      clusters?: {
        /**
         * Objects per list request to a management cluster (`limit`), 1 to
         * 500 (default 100). Each page is applied to the catalog as it arrives.
         */
        pageSize?: number;
        /** Static clusters whose nodes are read at the same time, 1 to 64 (default 8). */
        concurrency?: number;
        /**
         * Milliseconds a pass may take, 1000 to 100000 (default 100000):
         * within the provider task's 2-minute timeout. A pass out of time
         * stops; what it applied stays, nothing is removed, the next resumes.
         */
        passBudgetMs?: number;
        /**
         * Watch each management cluster's Cluster API Clusters once the first
         * pass is in and apply their changes as they happen (default true);
         * the pass every 5 minutes stays as the safety net.
         */
        watch?: boolean;
      };
    };
  };
}
