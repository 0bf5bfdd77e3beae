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

import { stringify } from 'yaml';

export interface KubeconfigCluster {
  name: string;
  url: string;
  token: string;
  /** User name in the kubeconfig, e.g. `admin`. */
  user?: string;
  /** PEM CA for an https URL; without it TLS verification is skipped. */
  certificateAuthority?: string;
}

/** A kubeconfig with one context per cluster (bearer tokens; plain HTTP or HTTPS with the sandbox CA). */
export function kubeconfigYaml(clusters: KubeconfigCluster[], currentContext?: string): string {
  const user = (c: KubeconfigCluster) => `${c.name}-${c.user ?? 'admin'}`;
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: clusters.map(c => ({
      name: c.name,
      cluster: c.certificateAuthority
        ? { server: c.url, 'certificate-authority-data': Buffer.from(c.certificateAuthority).toString('base64') }
        : { server: c.url, 'insecure-skip-tls-verify': true },
    })),
    users: clusters.map(c => ({ name: user(c), user: { token: c.token } })),
    contexts: clusters.map(c => ({ name: c.name, context: { cluster: c.name, user: user(c) } })),
    'current-context': currentContext ?? clusters[0]?.name ?? '',
  });
}
