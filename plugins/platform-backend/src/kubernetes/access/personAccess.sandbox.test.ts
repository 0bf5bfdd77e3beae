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

import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { Sandbox, kubeFetch } from '@platform-portal/platform-sandbox';
import {
  KubernetesPerson,
  readImpersonationConfig,
} from '@platform-portal/plugin-platform-node';
import { UpstreamClients } from '../../clients/UpstreamClients';
import { UpstreamPolicies } from '../../clients/resilience/UpstreamPolicies';
import { readPlatformConfig } from '../../config/readPlatformConfig';
import { sandboxControl } from '../../__testUtils__/sandboxControl';
import { sandboxPlatformConfig } from '../../__testUtils__/sandboxPlatformConfig';
import { startUpstreamSandbox } from '../../__testUtils__/startUpstreamSandbox';
import { PersonKubernetesAccess } from './PersonKubernetesAccess';
import { SharedKubernetesReads } from './SharedKubernetesReads';

jest.setTimeout(60_000);

const ALICE: KubernetesPerson = { user: 'alice', groups: ['team-payments'] };
const BOB: KubernetesPerson = { user: 'bob', groups: ['team-storefront'] };
const CLUSTERS = ['prod-eu-1', 'prod-eu-2', 'staging-1', 'onprem-kubeadm-1'];
const KINDS = [
  ['v1', 'Pod', '', 'pods'],
  ['v1', 'Service', '', 'services'],
  ['v1', 'ConfigMap', '', 'configmaps'],
  ['apps/v1', 'Deployment', 'apps', 'deployments'],
  ['apps/v1', 'ReplicaSet', 'apps', 'replicasets'],
] as const;

/** Deterministic choices, so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    // The high bits: an LCG's low bits repeat with a short period.
    return Math.floor((state / 2 ** 31) * n);
  };
}

describe('each person sees what their own Kubernetes rights show', () => {
  let sandbox: Sandbox;
  let clients: UpstreamClients;

  /** The API server's own answer for one object, asked as the person. */
  async function apiServerShows(
    person: KubernetesPerson,
    cluster: string,
    group: string,
    resource: string,
    object: { metadata?: { namespace?: string; name?: string } },
  ): Promise<boolean> {
    const answer = await kubeFetch(
      sandbox,
      cluster,
      `/apis/authorization.k8s.io/v1/selfsubjectaccessreviews`,
      {
        method: 'POST',
        headers: [
          [
            'Authorization',
            `Bearer ${sandbox.credentials.kubernetes[cluster].reader}`,
          ],
          ['Content-Type', 'application/json'],
          ['Impersonate-User', person.user],
          ...person.groups.map(
            g => ['Impersonate-Group', g] as [string, string],
          ),
        ],
        body: JSON.stringify({
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectAccessReview',
          spec: {
            resourceAttributes: {
              verb: 'get',
              group,
              resource,
              namespace: object.metadata?.namespace,
              name: object.metadata?.name,
            },
          },
        }),
        signal: AbortSignal.timeout(10_000),
      },
    ).then(r => r.json());
    return answer.status.allowed === true;
  }

  beforeAll(async () => {
    sandbox = await startUpstreamSandbox();
    clients = new UpstreamClients(
      readPlatformConfig(new ConfigReader(sandboxPlatformConfig(sandbox))),
      new UpstreamPolicies({ timeoutMs: 10_000, maxRetries: 1 }),
    );
    // Each may also read the other team's namespace, on one cluster only.
    for (const [cluster, user, namespace] of [
      ['prod-eu-2', BOB.user, 'payments'],
      ['onprem-kubeadm-1', ALICE.user, 'storefront'],
    ]) {
      const created = await kubeFetch(
        sandbox,
        cluster,
        `/apis/rbac.authorization.k8s.io/v1/namespaces/${namespace}/rolebindings`,
        {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${sandbox.credentials.kubernetes[cluster].admin}`,
            'Content-Type': 'application/json',
          },
          body: JSON.stringify({
            apiVersion: 'rbac.authorization.k8s.io/v1',
            kind: 'RoleBinding',
            metadata: { name: `${user}-reads` },
            roleRef: {
              apiGroup: 'rbac.authorization.k8s.io',
              kind: 'ClusterRole',
              name: 'platform-portal-reader',
            },
            subjects: [
              {
                apiGroup: 'rbac.authorization.k8s.io',
                kind: 'User',
                name: user,
              },
            ],
          }),
          signal: AbortSignal.timeout(10_000),
        },
      );
      if (created.status !== 201) {
        throw new Error(`RoleBinding on ${cluster}: ${await created.text()}`);
      }
    }
  });

  afterAll(async () => {
    await sandbox?.stop();
  });

  it('over 1,000 random requests by two people, no answer holds an object the API server would not show them, and reads stay shared', async () => {
    const access = new PersonKubernetesAccess({
      clients,
      config: readImpersonationConfig(
        new ConfigReader({
          platform: { impersonation: { accessReviewCacheSeconds: 3600 } },
        }),
      ),
      userInfo: mockServices.userInfo(),
    });
    // One read per cluster and kind serves the whole run.
    const reads = new SharedKubernetesReads({
      clients,
      access,
      ttlMs: 3_600_000,
    });
    await sandboxControl(sandbox, 'DELETE', '/counters');

    const pick = random(23);
    const oracle = new Map<string, Promise<boolean>>();
    const shown = {
      [ALICE.user]: new Set<string>(),
      [BOB.user]: new Set<string>(),
    };
    const wrong: string[] = [];
    const asked = new Set<string>();
    const REQUESTS = 1_000;
    for (let i = 0; i < REQUESTS; i += 20) {
      await Promise.all(
        Array.from({ length: 20 }, async () => {
          const person = pick(2) === 0 ? ALICE : BOB;
          const cluster = CLUSTERS[pick(CLUSTERS.length)];
          const [apiVersion, kind, group, resource] = KINDS[pick(KINDS.length)];
          asked.add(`${person.user} ${cluster} ${apiVersion} ${kind}`);
          const items = await reads.listFor(person, cluster, apiVersion, kind);
          for (const item of items) {
            const id = `${cluster} ${kind} ${item.metadata?.namespace}/${item.metadata?.name}`;
            shown[person.user].add(id);
            const key = `${person.user} ${id}`;
            if (!oracle.has(key)) {
              oracle.set(
                key,
                apiServerShows(person, cluster, group, resource, item),
              );
            }
            if (!(await oracle.get(key))) {
              wrong.push(key);
            }
          }
        }),
      );
    }
    expect(wrong).toEqual([]);

    // Not vacuous: each saw their own team's objects, and the other team's
    // only on the cluster where a RoleBinding lets them.
    const namespacesOf = (user: string) =>
      new Set(
        [...shown[user]].map(
          id => `${id.split(' ')[0]} ${id.split(' ')[2].split('/')[0]}`,
        ),
      );
    const alice = namespacesOf(ALICE.user);
    const bob = namespacesOf(BOB.user);
    expect(alice).toContain('prod-eu-1 payments');
    expect(alice).toContain('onprem-kubeadm-1 storefront');
    expect(alice).not.toContain('prod-eu-1 storefront');
    expect(bob).toContain('prod-eu-1 storefront');
    expect(bob).toContain('prod-eu-2 payments');
    expect(bob).not.toContain('prod-eu-1 payments');
    expect([...alice].some(n => n.endsWith(' kube-system'))).toBe(false);

    // Upstream: one list per cluster and kind (pages aside) for both people,
    // and the access reviews at most one per person, cluster, namespace and kind.
    const counters = await sandboxControl(sandbox, 'GET', '/counters');
    const lists = CLUSTERS.reduce(
      (sum, c) => sum + (counters.byCluster[c]?.['kubernetes:list'] ?? 0),
      0,
    );
    expect(lists).toBe(CLUSTERS.length * KINDS.length);
    const reviews = CLUSTERS.reduce(
      (sum, c) => sum + (counters.byCluster[c]?.['kubernetes:create'] ?? 0),
      0,
    );
    // The oracle's own reviews are counted too: subtract them. What is left
    // is one review per person, cluster, namespace and kind asked about.
    const ownReviews = reviews - oracle.size;
    let questions = 0;
    for (const entry of asked) {
      const [, cluster, apiVersion, kind] = entry.split(' ');
      const { items } = await clients
        .kubernetes(cluster)!
        .list(apiVersion, kind);
      questions += new Set(items.map(item => item.metadata?.namespace)).size;
    }
    expect(ownReviews).toBe(questions);
    expect(ownReviews).toBeLessThan(REQUESTS);
  });
});
