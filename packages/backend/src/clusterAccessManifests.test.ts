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

import { join } from 'node:path';
import { REPO_ROOT } from './__testUtils__/BackendReplica';
import { checkUpstreamSchemas } from './__testUtils__/checkUpstreamSchemas';
import { renderKustomization } from './__testUtils__/renderKustomization';

/*
 * deploy/cluster-access: what the portal's account may do in each cluster of
 * the fleet. Reads for the platform's health, impersonation of people for
 * everything done on a person's behalf, and nothing else.
 */

interface Rule {
  apiGroups?: string[];
  resources?: string[];
  verbs: string[];
}

const manifests = renderKustomization(join(REPO_ROOT, 'deploy/cluster-access'));

function rulesBoundTo(account: { namespace: string; name: string }): Rule[] {
  const bound = manifests.filter(
    m =>
      m.kind === 'ClusterRoleBinding' &&
      m.subjects?.some(
        (s: any) =>
          s.kind === 'ServiceAccount' &&
          s.name === account.name &&
          s.namespace === account.namespace,
      ),
  );
  return bound.flatMap(
    b =>
      manifests.find(
        m => m.kind === 'ClusterRole' && m.metadata.name === b.roleRef.name,
      )?.rules ?? [],
  );
}

describe('deploy/cluster-access', () => {
  const rules = rulesBoundTo({ namespace: 'backstage', name: 'portal-reader' });

  it('lets the portal impersonate people and groups, never ServiceAccounts, UIDs or extra user info', () => {
    const impersonation = rules.filter(r => r.verbs.includes('impersonate'));
    expect(impersonation).toEqual([
      {
        apiGroups: [''],
        resources: ['users', 'groups'],
        verbs: ['impersonate'],
      },
    ]);
  });

  it('grants nothing but reads besides, and no read of Secrets', () => {
    const others = rules.filter(r => !r.verbs.includes('impersonate'));
    expect(others.length).toBeGreaterThan(0);
    for (const rule of others) {
      expect(rule.verbs).toEqual(['get', 'list', 'watch']);
      expect(rule.apiGroups).not.toContain('*');
    }
    const core = others
      .filter(rule => rule.apiGroups?.includes(''))
      .flatMap(rule => rule.resources ?? []);
    expect(core).toContain('pods');
    expect(core).not.toContain('secrets');
    expect(core).not.toContain('*');
  });

  it('is valid against the upstream schemas', async () => {
    expect(await checkUpstreamSchemas(manifests)).toEqual(
      manifests.map(m => ({ kind: m.kind, name: m.metadata.name, errors: [] })),
    );
  }, 60_000);
});
