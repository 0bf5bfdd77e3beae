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

import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  DefinitivePolicyDecision,
} from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Sandbox, kubeFetch } from '@platform-portal/platform-sandbox';
import request from 'supertest';
import { platformPlugin } from '../plugin';
import { sandboxPlatformConfig } from '../__testUtils__/sandboxPlatformConfig';
import { startUpstreamSandbox } from '../__testUtils__/startUpstreamSandbox';

jest.setTimeout(60_000);

const CLUSTER = 'prod-eu-1';
const GROUPS: Record<string, string> = {
  'user:default/alice': 'group:default/team-payments',
  'user:default/bob': 'group:default/team-storefront',
};
const WORKLOAD = {
  cluster: CLUSTER,
  namespace: 'payments',
  kind: 'Deployment',
  name: 'payments-api',
};

describe('POST /workload-actions/restart and /scale', () => {
  let sandbox: Sandbox;
  let server: any;
  let stopBackend: () => Promise<void>;
  let denied: string[] = [];
  const auditEvent = { success: jest.fn(), fail: jest.fn() };
  const auditor = mockServices.auditor.mock({
    createEvent: jest.fn(async () => auditEvent as any),
  });

  const as = (user: string) => mockCredentials.user.header(user);
  const stored = async (name: string) => {
    const token = sandbox.credentials.kubernetes[CLUSTER].admin;
    const res = await kubeFetch(
      sandbox,
      CLUSTER,
      `/apis/apps/v1/namespaces/payments/deployments/${name}`,
      {
        headers: { Authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(10_000),
      },
    );
    return res.json();
  };

  beforeAll(async () => {
    sandbox = await startUpstreamSandbox();
    const backend = await startTestBackend({
      features: [
        platformPlugin,
        mockServices.rootConfig.factory({
          data: sandboxPlatformConfig(sandbox),
        }),
        auditor.factory,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.userInfo.mock({
          getUserInfo: async credentials => {
            const ref = (credentials.principal as { userEntityRef: string })
              .userEntityRef;
            return {
              userEntityRef: ref,
              ownershipEntityRefs: [ref, ...(GROUPS[ref] ? [GROUPS[ref]] : [])],
            };
          },
        }).factory,
        mockServices.permissions.mock({
          authorize: async requests =>
            requests.map(
              (r): DefinitivePolicyDecision => ({
                result: denied.includes(r.permission.name)
                  ? AuthorizeResult.DENY
                  : AuthorizeResult.ALLOW,
              }),
            ),
        }).factory,
      ],
    });
    server = backend.server;
    stopBackend = () => backend.stop();
  });

  afterAll(async () => {
    await stopBackend?.();
    await sandbox?.stop();
  });

  afterEach(() => {
    denied = [];
    jest.clearAllMocks();
  });

  it('previews a restart as the person, changes nothing, and audits it', async () => {
    const before = await stored('payments-api');
    const res = await request(server)
      .post('/api/platform/workload-actions/restart')
      .set('Authorization', as('user:default/alice'))
      .send({ ...WORKLOAD, dryRun: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      action: 'restart',
      dryRun: true,
      outcome: 'previewed',
      workload: WORKLOAD,
    });
    expect((await stored('payments-api')).metadata.resourceVersion).toBe(
      before.metadata.resourceVersion,
    );
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'workload-restart',
        meta: expect.objectContaining({ ...WORKLOAD, dryRun: true }),
      }),
    );
    expect(auditEvent.success).toHaveBeenCalledWith({
      meta: { kubernetesUser: 'alice', outcome: 'previewed' },
    });
  });

  it('restarts for real and audits the outcome', async () => {
    const res = await request(server)
      .post('/api/platform/workload-actions/restart')
      .set('Authorization', as('user:default/alice'))
      .send({ ...WORKLOAD, dryRun: false });
    expect(res.status).toBe(200);
    expect(res.body.outcome).toBe('done');
    const after = await stored('payments-api');
    expect(
      after.spec.template.metadata.annotations[
        'kubectl.kubernetes.io/restartedAt'
      ],
    ).toBe(res.body.restartedAt);
    expect(auditEvent.success).toHaveBeenCalledWith({
      meta: { kubernetesUser: 'alice', outcome: 'done' },
    });
  });

  it('scales dry and for real, audited with the replica counts', async () => {
    const body = { ...WORKLOAD, name: 'orders-service', replicas: 3 };
    const dry = await request(server)
      .post('/api/platform/workload-actions/scale')
      .set('Authorization', as('user:default/alice'))
      .send({ ...body, dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({
      outcome: 'previewed',
      replicas: { from: 2, to: 3 },
    });
    expect((await stored('orders-service')).spec.replicas).toBe(2);
    const real = await request(server)
      .post('/api/platform/workload-actions/scale')
      .set('Authorization', as('user:default/alice'))
      .send({ ...body, dryRun: false });
    expect(real.body).toMatchObject({ outcome: 'done' });
    expect((await stored('orders-service')).spec.replicas).toBe(3);
    expect(auditEvent.success).toHaveBeenLastCalledWith({
      meta: {
        kubernetesUser: 'alice',
        outcome: 'done',
        replicas: { from: 2, to: 3 },
      },
    });
  });

  it('403 in plain words for a person whose Kubernetes RBAC lacks the verb, audited as failed, nothing written', async () => {
    const before = await stored('payments-api');
    for (const [path, extra] of [
      ['restart', {}],
      ['scale', { replicas: 1 }],
    ] as const) {
      const res = await request(server)
        .post(`/api/platform/workload-actions/${path}`)
        .set('Authorization', as('user:default/bob'))
        .send({ ...WORKLOAD, ...extra, dryRun: false });
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({
        name: 'NotAllowedError',
        message: expect.stringMatching(
          new RegExp(
            `^You may not ${path} Deployment payments/payments-api on prod-eu-1: the Kubernetes API of cluster prod-eu-1 says Kubernetes RBAC does not give bob \\(groups team-storefront\\).*User "bob" cannot`,
          ),
        ),
      });
    }
    expect(auditEvent.fail).toHaveBeenCalledTimes(2);
    expect((await stored('payments-api')).metadata.resourceVersion).toBe(
      before.metadata.resourceVersion,
    );
  });

  it('403 without platform.workload.operate, before anything reaches the cluster', async () => {
    denied = ['platform.workload.operate'];
    const res = await request(server)
      .post('/api/platform/workload-actions/restart')
      .set('Authorization', as('user:default/alice'))
      .send({ ...WORKLOAD, dryRun: false });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('platform.workload.operate');
    expect(auditEvent.fail).toHaveBeenCalled();
  });

  it('400 naming the field for a kind that is not a workload, or a replica count out of range', async () => {
    const wrongKind = await request(server)
      .post('/api/platform/workload-actions/restart')
      .set('Authorization', as('user:default/alice'))
      .send({ ...WORKLOAD, kind: 'Pod', dryRun: true });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.error.message).toContain('kind');
    const tooMany = await request(server)
      .post('/api/platform/workload-actions/scale')
      .set('Authorization', as('user:default/alice'))
      .send({ ...WORKLOAD, replicas: 5000, dryRun: true });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toContain('replicas');
  });
});
