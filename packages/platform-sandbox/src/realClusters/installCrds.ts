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
import { applyAs } from './serverSideApply';
import { Crd } from './stackCrds';

const CRD_PATH = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';

/** Applies the CRDs as their chart would (helm) and waits until each is Established. */
export async function installCrds(
  kube: RealKubeApiServer,
  crds: Crd[],
  timeoutMs = 60_000,
): Promise<void> {
  for (const crd of crds) {
    await applyAs(
      kube,
      `${CRD_PATH}/${crd.metadata.name}`,
      crd as unknown as Record<string, unknown>,
      'helm',
    );
  }
  const deadline = Date.now() + timeoutMs;
  for (const crd of crds) {
    for (;;) {
      const current = await kube.request(
        'GET',
        `${CRD_PATH}/${crd.metadata.name}`,
      );
      const established = current.body?.status?.conditions?.some(
        (c: { type: string; status: string }) =>
          c.type === 'Established' && c.status === 'True',
      );
      if (established) break;
      if (Date.now() > deadline) {
        throw new Error(`CRD ${crd.metadata.name} is not Established`);
      }
      await new Promise(r => setTimeout(r, 200));
    }
  }
}

/** Lets the portal's reader read the kinds of the installed CRDs too. */
export async function grantReaderCrdGroups(
  kube: RealKubeApiServer,
  crds: Crd[],
): Promise<void> {
  const groups = [...new Set(crds.map(crd => crd.spec.group as string))];
  const rbac = '/apis/rbac.authorization.k8s.io/v1';
  await applyAs(
    kube,
    `${rbac}/clusterroles/platform-portal-reader-stack`,
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'platform-portal-reader-stack' },
      rules: [
        {
          apiGroups: groups,
          resources: ['*'],
          verbs: ['get', 'list', 'watch'],
        },
      ],
    },
    'helm',
  );
  await applyAs(
    kube,
    `${rbac}/clusterrolebindings/platform-portal-reader-stack`,
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'platform-portal-reader-stack' },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: 'platform-portal-reader-stack',
      },
      subjects: [
        {
          kind: 'ServiceAccount',
          name: 'portal-reader',
          namespace: 'backstage',
        },
      ],
    },
    'helm',
  );
}
