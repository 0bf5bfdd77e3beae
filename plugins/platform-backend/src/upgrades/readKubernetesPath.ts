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

import { UpstreamClients } from '../clients/UpstreamClients';
import { fetchWithinOrigin } from '../clients/http/fetchWithinOrigin';
import {
  parseUpstreamJson,
  readBodyWithin,
} from '../clients/http/readBodyWithin';
import { ConfiguredCluster } from '../config/readPlatformConfig';

/**
 * A GET of a path the list client does not read, such as discovery
 * (`/apis/<group>/<version>`) or `/version`, with the portal's reader token
 * and under the same resilience policies as the cluster's other reads.
 * Undefined when the API server does not serve the path (404).
 */
export async function readKubernetesPath<T>(
  clients: UpstreamClients,
  cluster: ConfiguredCluster,
  configKey: string,
  path: string,
): Promise<T | undefined> {
  const { url, token, caData, skipTLSVerify = false } = cluster.kubernetes;
  const target = {
    upstream: 'Kubernetes API',
    cluster: cluster.name,
    hint: `${configKey}.kubernetes.url and ${configKey}.kubernetes.token`,
    tlsHint: `${configKey}.kubernetes.caData (the PEM of the CA that signed the API server's certificate) and ${configKey}.kubernetes.url`,
    secrets: token ? [token] : [],
  };
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  return clients.policies.execute(
    target,
    { idempotent: true },
    async signal => {
      const response = await fetchWithinOrigin(
        `${url.replace(/\/+$/, '')}${path}`,
        {
          method: 'GET',
          headers,
          signal,
          acceptStatuses: [404],
          tls: { caData, skipTLSVerify },
        },
      );
      if (response.status === 404) {
        await response.body?.cancel();
        return undefined;
      }
      const body = await readBodyWithin(
        response,
        clients.policies.options.maxResponseBytes,
      );
      return parseUpstreamJson<T>(body.toString('utf8'));
    },
  );
}
