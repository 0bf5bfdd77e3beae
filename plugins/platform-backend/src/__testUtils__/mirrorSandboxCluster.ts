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

import { Agent, fetch } from 'undici';
import { expectCreated, RealKubeApiServer } from './realKubeApiServer';

/*
 * Copies what `kubectl get` shows of one sandbox cluster (namespaces, nodes,
 * pods, service accounts, the teams' RBAC) into a real API server, so both
 * hold the same objects; statuses go through the status subresource as a
 * kubelet would write them.
 */

type Obj = Record<string, any>;

interface SandboxCluster {
  base: string;
  caData: string;
  adminToken: string;
}

async function listSandbox(
  sandbox: SandboxCluster,
  path: string,
): Promise<Obj[]> {
  const response = await fetch(`${sandbox.base}${path}`, {
    headers: {
      Authorization: `Bearer ${sandbox.adminToken}`,
      Accept: 'application/json',
    },
    // The sandbox cluster's own CA, as a kubeconfig would carry it.
    dispatcher: new Agent({ connect: { ca: sandbox.caData } }),
    signal: AbortSignal.timeout(15_000),
  });
  if (!response.ok) throw new Error(`sandbox ${path}: ${response.status}`);
  return ((await response.json()) as { items: Obj[] }).items;
}

/** What a client sends on create: no server-set metadata, no status. */
function forCreate(object: Obj): Obj {
  const { name, namespace, labels, annotations } = object.metadata;
  const { status: _status, metadata: _metadata, ...rest } = object;
  return { ...rest, metadata: { name, namespace, labels, annotations } };
}

async function createTolerant(
  kube: RealKubeApiServer,
  path: string,
  body: Obj,
): Promise<Obj | undefined> {
  const response = await kube.request('POST', path, body);
  if (response.status === 409) return undefined;
  return expectCreated(Promise.resolve(response));
}

async function createWithStatus(
  kube: RealKubeApiServer,
  collection: string,
  object: Obj,
) {
  const created = await createTolerant(kube, collection, forCreate(object));
  if (!created || !object.status) return;
  await expectCreated(
    kube.request('PUT', `${collection}/${object.metadata.name}/status`, {
      ...created,
      status: object.status,
    }),
  );
}

export async function mirrorSandboxCluster(
  sandbox: SandboxCluster,
  kube: RealKubeApiServer,
): Promise<void> {
  const list = (path: string) => listSandbox(sandbox, path);
  const rbac = '/apis/rbac.authorization.k8s.io/v1';
  for (const namespace of await list('/api/v1/namespaces')) {
    await createTolerant(kube, '/api/v1/namespaces', forCreate(namespace));
  }
  for (const account of await list('/api/v1/serviceaccounts')) {
    const ns = account.metadata.namespace;
    await createTolerant(
      kube,
      `/api/v1/namespaces/${ns}/serviceaccounts`,
      forCreate(account),
    );
  }
  for (const role of await list(`${rbac}/clusterroles`)) {
    if (!role.metadata.name.startsWith('platform-team-')) continue;
    await createTolerant(kube, `${rbac}/clusterroles`, forCreate(role));
  }
  for (const binding of await list(`${rbac}/rolebindings`)) {
    const ns = binding.metadata.namespace;
    await createTolerant(
      kube,
      `${rbac}/namespaces/${ns}/rolebindings`,
      forCreate(binding),
    );
  }
  for (const node of await list('/api/v1/nodes')) {
    await createWithStatus(kube, '/api/v1/nodes', node);
  }
  for (const pod of await list('/api/v1/pods')) {
    const ns = pod.metadata.namespace;
    await createWithStatus(kube, `/api/v1/namespaces/${ns}/pods`, pod);
  }
}

/** A token of a ServiceAccount from the TokenRequest API. */
export async function serviceAccountToken(
  kube: RealKubeApiServer,
  namespace: string,
  name: string,
): Promise<string> {
  const created = await expectCreated(
    kube.request<{ status: { token: string } }>(
      'POST',
      `/api/v1/namespaces/${namespace}/serviceaccounts/${name}/token`,
      {
        apiVersion: 'authentication.k8s.io/v1',
        kind: 'TokenRequest',
        spec: { expirationSeconds: 3600 },
      },
    ),
  );
  return created.status.token;
}
