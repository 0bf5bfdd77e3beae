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

import { Sandbox } from '@platform-portal/platform-sandbox';

/** The platform config the sandbox CLI writes, built from a running sandbox. */
export function sandboxPlatformConfig(sandbox: Sandbox) {
  const credentials = sandbox.credentials;
  return {
    platform: {
      sandbox: { enabled: true, controlUrl: sandbox.controlUrl },
      clusters: sandbox.fleetSpec.clusters.map(c => ({
        name: c.name,
        provisioner: c.provisioner,
        environment: c.environment,
        region: c.region,
        management: c.environment === 'management',
        ...(c.managementCluster
          ? { managementCluster: c.managementCluster }
          : {}),
        kubernetes: {
          url: sandbox.kubernetesUrl(c.name),
          token: credentials.kubernetes[c.name].reader,
        },
      })),
      upstreams: {
        haproxy: { url: `${sandbox.url}/haproxy/{cluster}` },
        keepalived: { url: `${sandbox.url}/keepalived/{cluster}` },
        nexus: {
          url: `${sandbox.url}/nexus`,
          username: credentials.nexusUsername,
          password: credentials.nexusPassword,
        },
        gitlab: {
          url: `${sandbox.url}/gitlab`,
          token: credentials.gitlabToken,
        },
        prometheus: {
          url: `${sandbox.url}/mimir/prometheus`,
          tenant: credentials.tenant,
        },
        alertmanager: { url: `${sandbox.url}/alertmanager` },
      },
      clients: { timeoutMs: 1500, maxRetries: 1 },
      health: { refreshIntervalSeconds: 3600 },
    },
  };
}
