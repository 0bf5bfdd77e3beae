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

import { RealKubeApiServer } from './controlPlane';
import { expectCreated } from './kubeRequest';
import { applyAs } from './serverSideApply';

/*
 * A team's access as the sandbox gives it: the ServiceAccount
 * <team>-deployer, bound to everything inside the team's namespaces and to
 * nothing outside them.
 */

const MANAGER = 'platform-real-clusters';
const RBAC = '/apis/rbac.authorization.k8s.io/v1';

/** Creates the team's account and bindings; returns a token of the account. */
export async function teamToken(
  kube: RealKubeApiServer,
  team: string,
  namespaces: string[],
): Promise<string> {
  if (namespaces.length === 0) {
    throw new Error(`team ${team} has no namespace`);
  }
  const account = `${team}-deployer`;
  const home = namespaces[0];
  await applyAs(
    kube,
    `${RBAC}/clusterroles/platform-team-admin`,
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'platform-team-admin' },
      rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }],
    },
    MANAGER,
  );
  for (const namespace of namespaces) {
    await applyAs(
      kube,
      `/api/v1/namespaces/${namespace}`,
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {
          name: namespace,
          labels: {
            'platform-portal.io/owner': team,
            'platform-portal.io/team': team,
          },
        },
      },
      'helm',
    );
  }
  await applyAs(
    kube,
    `/api/v1/namespaces/${home}/serviceaccounts/${account}`,
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: account, namespace: home },
    },
    MANAGER,
  );
  for (const namespace of namespaces) {
    await applyAs(
      kube,
      `${RBAC}/namespaces/${namespace}/rolebindings/${team}-admin`,
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: `${team}-admin`, namespace },
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'ClusterRole',
          name: 'platform-team-admin',
        },
        subjects: [{ kind: 'ServiceAccount', name: account, namespace: home }],
      },
      MANAGER,
    );
  }
  const created = await expectCreated(
    kube.request<{ status: { token: string } }>(
      'POST',
      `/api/v1/namespaces/${home}/serviceaccounts/${account}/token`,
      {
        apiVersion: 'authentication.k8s.io/v1',
        kind: 'TokenRequest',
        spec: { expirationSeconds: 24 * 3600 },
      },
    ),
  );
  return created.status.token;
}
