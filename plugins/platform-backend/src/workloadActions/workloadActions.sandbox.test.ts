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
import {
  FAULT_CLASSES,
  Sandbox,
  kubeFetch,
} from '@platform-portal/platform-sandbox';
import { KubernetesPerson } from '@platform-portal/plugin-platform-node';
import { UpstreamClients } from '../clients/UpstreamClients';
import { UpstreamPolicies } from '../clients/resilience/UpstreamPolicies';
import { readPlatformConfig } from '../config/readPlatformConfig';
import { sandboxPlatformConfig } from '../__testUtils__/sandboxPlatformConfig';
import { startUpstreamSandbox } from '../__testUtils__/startUpstreamSandbox';
import { WorkloadActions } from './WorkloadActions';

jest.setTimeout(60_000);

const CLUSTER = 'prod-eu-1';
const PAYMENTS: KubernetesPerson = { user: 'alice', groups: ['team-payments'] };
const STOREFRONT: KubernetesPerson = {
  user: 'bob',
  groups: ['team-storefront'],
};
const API = {
  cluster: CLUSTER,
  namespace: 'payments',
  kind: 'Deployment',
  name: 'payments-api',
} as const;
const ORDERS = { ...API, name: 'orders-service' } as const;

describe('restart and scale, as the person', () => {
  let sandbox: Sandbox;
  let actions: WorkloadActions;
  let argocdUrl: string;

  /** The workload as the API server stores it (read as the admin). */
  async function stored(name: string) {
    const response = await kubeFetch(
      sandbox,
      CLUSTER,
      `/apis/apps/v1/namespaces/payments/deployments/${name}`,
      {
        headers: {
          Authorization: `Bearer ${sandbox.credentials.kubernetes[CLUSTER].admin}`,
        },
        signal: AbortSignal.timeout(10_000),
      },
    );
    return response.json();
  }

  beforeAll(async () => {
    sandbox = await startUpstreamSandbox();
    const config = sandboxPlatformConfig(sandbox);
    argocdUrl = config.platform.upstreams.argocd.url;
    actions = new WorkloadActions({
      clients: new UpstreamClients(
        readPlatformConfig(new ConfigReader(config)),
        new UpstreamPolicies({ timeoutMs: 10_000, maxRetries: 1 }),
      ),
      argocdUrl,
      now: () => new Date('2026-12-07T18:30:00Z'),
    });
  });

  afterAll(async () => {
    await sandbox?.stop();
  });

  it('previews a restart in dry-run without changing the pod template, then restarts', async () => {
    const before = await stored(API.name);
    const preview = await actions.restart(PAYMENTS, API, true);
    expect(preview).toMatchObject({ outcome: 'previewed', dryRun: true });
    expect(preview.message).toContain('Nothing has changed yet');
    expect(await stored(API.name)).toMatchObject({
      metadata: { resourceVersion: before.metadata.resourceVersion },
    });

    const done = await actions.restart(PAYMENTS, API, false);
    expect(done).toMatchObject({
      outcome: 'done',
      restartedAt: '2026-12-07T18:30:00.000Z',
    });
    const after = await stored(API.name);
    expect(
      after.spec.template.metadata.annotations[
        'kubectl.kubernetes.io/restartedAt'
      ],
    ).toBe('2026-12-07T18:30:00.000Z');
    // Written by the portal as its own manager, not over anyone's fields.
    expect(
      after.metadata.managedFields.map((m: { manager: string }) => m.manager),
    ).toContain('platform-portal');
  });

  it('previews a scale in dry-run, then scales', async () => {
    const preview = await actions.scale(PAYMENTS, ORDERS, 4, true);
    expect(preview).toMatchObject({
      outcome: 'previewed',
      replicas: { from: 2, to: 4 },
    });
    expect((await stored(ORDERS.name)).spec.replicas).toBe(2);

    const done = await actions.scale(PAYMENTS, ORDERS, 4, false);
    expect(done).toMatchObject({
      outcome: 'done',
      replicas: { from: 2, to: 4 },
    });
    expect((await stored(ORDERS.name)).spec.replicas).toBe(4);
  });

  it('refuses, in plain words naming the person, someone whose RBAC lacks the verb, dry-run or not', async () => {
    for (const dryRun of [true, false]) {
      await expect(
        actions.restart(STOREFRONT, API, dryRun),
      ).rejects.toMatchObject({
        name: 'NotAllowedError',
        message: expect.stringContaining(
          'You may not restart Deployment payments/payments-api on prod-eu-1: the Kubernetes API of cluster prod-eu-1 says Kubernetes RBAC does not give bob (groups team-storefront) patch on deployments',
        ),
      });
      await expect(
        actions.scale(STOREFRONT, ORDERS, 1, dryRun),
      ).rejects.toMatchObject({
        name: 'NotAllowedError',
        message: expect.stringContaining(
          'User "bob" cannot get resource "deployments"',
        ),
      });
    }
    expect((await stored(ORDERS.name)).spec.replicas).toBe(4);
  });

  it('says Argo CD owns the replica count and sends nothing when Argo CD manages spec.replicas', async () => {
    const applied = await kubeFetch(
      sandbox,
      CLUSTER,
      `/apis/apps/v1/namespaces/payments/deployments/${API.name}?fieldManager=argocd-controller`,
      {
        method: 'PATCH',
        headers: {
          Authorization: `Bearer ${sandbox.credentials.kubernetes[CLUSTER].admin}`,
          'Content-Type': 'application/apply-patch+yaml',
        },
        body: JSON.stringify({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: {
            name: API.name,
            namespace: 'payments',
            annotations: {
              'argocd.argoproj.io/tracking-id':
                'payments-api-prod-eu-1:apps/Deployment:payments/payments-api',
            },
          },
          spec: { replicas: 3 },
        }),
        signal: AbortSignal.timeout(10_000),
      },
    );
    expect(applied.status).toBe(200);
    const before = await stored(API.name);
    for (const dryRun of [true, false]) {
      const answer = await actions.scale(PAYMENTS, API, 6, dryRun);
      expect(answer).toMatchObject({
        outcome: 'argocd-owned',
        argocd: { instance: CLUSTER, application: 'payments-api-prod-eu-1' },
      });
      // The application's page in the Argo CD of that cluster.
      expect(answer.argocd?.url).toBe(
        `${argocdUrl.replace(
          '{cluster}',
          CLUSTER,
        )}/applications/payments-api-prod-eu-1`,
      );
      expect(answer.message).toContain(
        'Argo CD manages the replica count of Deployment payments/payments-api on prod-eu-1',
      );
    }
    expect((await stored(API.name)).metadata.resourceVersion).toBe(
      before.metadata.resourceVersion,
    );
  });

  it("names the cluster and its config key, and previews nothing, when the API server's answer is broken or refuses the portal's token", async () => {
    const before = await stored(API.name);
    const under = async (fault: keyof typeof FAULT_CLASSES) => {
      sandbox.control.setBehaviour(
        { upstream: 'kubernetes', cluster: CLUSTER },
        FAULT_CLASSES[fault],
      );
      try {
        return await actions.restart(PAYMENTS, API, true).catch(e => e);
      } finally {
        sandbox.control.resetBehaviour();
      }
    };
    const broken = await under('malformed body');
    expect(broken).toMatchObject({ name: 'ServiceUnavailableError' });
    expect(broken.message).toMatch(
      /^Kubernetes API of cluster prod-eu-1 sent .*check platform\.clusters\[\d+\]\.kubernetes\.url/,
    );
    // A 401 is the portal's own token, never the person's rights.
    const unauthorized = await under('401');
    expect(unauthorized).toMatchObject({ name: 'AuthenticationError' });
    expect(unauthorized.message).toMatch(
      /Kubernetes API of cluster prod-eu-1 rejected the portal's credentials.*platform\.clusters\[\d+\]\.kubernetes\.token/,
    );
    expect(unauthorized.message).not.toContain('You may not');
    expect((await stored(API.name)).metadata.resourceVersion).toBe(
      before.metadata.resourceVersion,
    );
  });

  it('400 for a replica count that is not a whole number in range, or a DaemonSet', async () => {
    for (const replicas of [-1, 2.5, 1001]) {
      await expect(
        actions.scale(PAYMENTS, ORDERS, replicas, true),
      ).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringContaining("Invalid body field 'replicas'"),
      });
    }
    await expect(
      actions.scale(PAYMENTS, { ...ORDERS, kind: 'DaemonSet' }, 1, true),
    ).rejects.toMatchObject({ name: 'InputError' });
  });
});
