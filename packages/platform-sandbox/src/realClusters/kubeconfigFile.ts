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

import { writeFileSync } from 'node:fs';

/** A kubeconfig with one cluster (trusting only its CA) and one bearer token. */
export function writeKubeconfig(
  file: string,
  cluster: { server: string; caData: string; token: string; name?: string },
): string {
  const ca = Buffer.from(cluster.caData).toString('base64');
  const name = cluster.name ?? 'c';
  const user = cluster.name ?? 'u';
  writeFileSync(
    file,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        {
          name,
          cluster: { server: cluster.server, 'certificate-authority-data': ca },
        },
      ],
      users: [{ name: user, user: { token: cluster.token } }],
      contexts: [{ name, context: { cluster: name, user } }],
      'current-context': name,
    }),
    { mode: 0o600 },
  );
  return file;
}
