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
  createUpstreamSimulators,
  defaultFleet,
  Sandbox,
  startSandbox,
} from '@platform-portal/platform-sandbox';

/**
 * The demo fleet with every simulated upstream (Argo CD, Nexus, GitLab, ...)
 * on free ports, each cluster's Kubernetes API over HTTPS with its own CA;
 * simulated time moves only when the test advances it.
 *
 * @public
 */
export function startUpstreamSandbox(
  options: { openApiSpecDir?: string } = {},
): Promise<Sandbox> {
  return startSandbox({
    fleet: defaultFleet(),
    port: 0,
    controlPort: 0,
    upstreams: createUpstreamSimulators,
    realTimeTicks: false,
    openApiSpecDir: options.openApiSpecDir,
  });
}
