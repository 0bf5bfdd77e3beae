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

import { checkContext } from '../../__testUtils__/checkContext';
import { identityChecks } from './identity';

const byId = (id: string) => identityChecks.find(c => c.id === id)!;

function apiServer(node: string, flags: string[]) {
  return {
    kind: 'Pod',
    metadata: {
      name: `kube-apiserver-${node}`,
      namespace: 'kube-system',
      labels: { component: 'kube-apiserver', tier: 'control-plane' },
    },
    spec: {
      containers: [
        { name: 'kube-apiserver', command: ['kube-apiserver', ...flags] },
      ],
    },
  };
}

describe('identity.apiserver-oidc', () => {
  it('is ok when every API server names its OIDC issuer', async () => {
    const result = await byId('identity.apiserver-oidc').run(
      checkContext({
        Pod: [apiServer('cp-1', ['--oidc-issuer-url=https://dex.example'])],
      }),
    );
    expect(result.verdict).toBe('ok');
    expect(result.evidence[0].value).toBe('https://dex.example');
  });

  it('warns about an API server without the flag', async () => {
    const result = await byId('identity.apiserver-oidc').run(
      checkContext({
        Pod: [
          apiServer('cp-1', ['--oidc-issuer-url=https://dex.example']),
          apiServer('cp-2', ['--authorization-mode=Node,RBAC']),
        ],
      }),
    );
    expect(result.verdict).toBe('warning');
    expect(result.evidence[1]).toMatchObject({
      object: 'Pod/kube-system/kube-apiserver-cp-2',
      value: 'not set',
    });
  });

  it('is unknown when the static pods are not visible', async () => {
    expect(
      (await byId('identity.apiserver-oidc').run(checkContext({}))).verdict,
    ).toBe('unknown');
  });
});

describe('identity.cluster-admin-bindings', () => {
  const binding = (
    name: string,
    subjects: unknown[],
    labels?: Record<string, string>,
  ) => ({
    kind: 'ClusterRoleBinding',
    metadata: { name, labels },
    roleRef: { kind: 'ClusterRole', name: 'cluster-admin' },
    subjects,
  });

  it('accepts system:masters and bindings marked as intended', async () => {
    const result = await byId('identity.cluster-admin-bindings').run(
      checkContext({
        ClusterRoleBinding: [
          binding('cluster-admin', [{ kind: 'Group', name: 'system:masters' }]),
          binding('break-glass', [{ kind: 'User', name: 'oncall' }], {
            'platform-portal.io/allowed': 'true',
          }),
        ],
      }),
    );
    expect(result.verdict).toBe('ok');
  });

  it('warns about anyone else bound to cluster-admin', async () => {
    const result = await byId('identity.cluster-admin-bindings').run(
      checkContext({
        ClusterRoleBinding: [
          binding('debug-cluster-admin', [
            { kind: 'User', name: 'contractor@example.com' },
          ]),
        ],
      }),
    );
    expect(result.verdict).toBe('warning');
    expect(result.evidence[0].value).toBe('User:contractor@example.com');
  });
});
