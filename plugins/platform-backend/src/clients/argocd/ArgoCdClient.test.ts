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

import { Sandbox } from '@platform-portal/platform-sandbox';
import { argocdRefusalError } from '../../routes/entity/argocdErrors';
import { UpstreamPolicies } from '../resilience/UpstreamPolicies';
import { ArgoCdAuth, ArgoCdClient } from './ArgoCdClient';
import { ArgoCdRefusal } from './ArgoCdRefusal';
import { managedResourceHealth } from './managedResourceHealth';
import { startUpstreamSandbox } from '../../__testUtils__/startUpstreamSandbox';

jest.setTimeout(60_000);

describe('ArgoCdClient against the sandbox', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startUpstreamSandbox();
  });

  afterAll(() => sandbox?.stop());

  const client = (cluster: string, auth: ArgoCdAuth) =>
    new ArgoCdClient({
      baseUrl: `${sandbox.url}/argocd/${cluster}`,
      target: {
        upstream: 'Argo CD',
        cluster,
        hint: 'platform.upstreams.argocd',
        secrets: Object.values(auth),
      },
      auth,
      policies: new UpstreamPolicies({ timeoutMs: 2000, maxRetries: 1 }),
    });

  const password = () => ({
    username: sandbox.credentials.argocdUsername,
    password: sandbox.credentials.argocdPassword,
  });

  it('lists by selector or by name, with [] for Argo CD null items', async () => {
    const argo = client('prod-eu-1', {
      token: sandbox.credentials.argocdToken,
    });
    const bySelector = await argo.listApplications({
      selector: 'app.kubernetes.io/name=payments-api',
    });
    expect(bySelector.map(a => a.metadata.name)).toEqual(['payments-api']);
    expect(await argo.listApplications({ name: 'nothing-here' })).toEqual([]);
  });

  it('logs in with username and password, and again once the session expired', async () => {
    const argo = client('prod-eu-2', password());
    expect(
      await argo.listApplications({ name: 'orders-service' }),
    ).toHaveLength(1);
    sandbox.clock.advance(25 * 3600_000);
    expect(
      await argo.listApplications({ name: 'orders-service' }),
    ).toHaveLength(1);
  });

  it('401 naming the config keys for a wrong password, never the password', async () => {
    const argo = client('prod-eu-2', {
      username: 'admin',
      password: 'wrong-password',
    });
    const error = await argo.listApplications({}).catch(e => e);
    expect(error.name).toBe('AuthenticationError');
    expect(error.message).toContain('platform.upstreams.argocd.username');
    expect(error.message).not.toContain('wrong-password');
  });

  it("maps Argo CD's own refusal of rollback under automated sync to 409", async () => {
    const argo = client('staging-1', {
      token: sandbox.credentials.argocdToken,
    });
    const refusal = await argo
      .rollback('payments-api', 'payments', 0)
      .catch(e => e);
    expect(refusal).toBeInstanceOf(ArgoCdRefusal);
    expect(refusal).toMatchObject({
      // grpc-gateway v1.16 maps FailedPrecondition to 400, not 412.
      httpStatus: 400,
      grpcCode: 9,
      upstreamMessage: 'rollback cannot be initiated when auto-sync is enabled',
    });
    const error = argocdRefusalError(refusal, {
      verb: 'roll back',
      instance: 'staging-1',
      project: 'payments',
      app: 'payments-api',
    });
    expect(error.name).toBe('ConflictError');
    expect(error.message).toContain('refused while automated sync is on');
  });

  it('maps a running operation to 409 and a missing app to 404', async () => {
    const argo = client('prod-eu-2', {
      token: sandbox.credentials.argocdToken,
    });
    await argo.sync('orders-service', 'payments');
    const busy = await argo.sync('orders-service', 'payments').catch(e => e);
    const action = {
      verb: 'sync',
      instance: 'prod-eu-2',
      project: 'payments',
      app: 'orders-service',
    } as const;
    expect(argocdRefusalError(busy, action)).toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining(
        'another operation is already in progress',
      ),
    });
    const missing = await argo.sync('ghost', 'payments').catch(e => e);
    expect(argocdRefusalError(missing, { ...action, app: 'ghost' }).name).toBe(
      'NotFoundError',
    );
  });

  it.each([
    ['v3.1.5 (health in the tree only)', 'prod-eu-1', 'appTree'],
    ['v2.14.21 (health in the app)', 'onprem-kubeadm-1', undefined],
  ])(
    "reads each managed resource's health on Argo CD %s",
    async (_release, cluster, source) => {
      sandbox.control.injectFault(cluster, {
        id: 'argocd-app-degraded',
        target: 'storefront-web',
      });
      try {
        const argo = client(cluster, {
          token: sandbox.credentials.argocdToken,
        });
        const [app] = await argo.listApplications({ name: 'storefront-web' });
        expect(app.status?.resourceHealthSource).toBe(source);
        const deployment = (await managedResourceHealth(argo, app)).find(
          r => r.kind === 'Deployment',
        );
        expect(deployment?.health?.status).toBe('Degraded');
      } finally {
        sandbox.control.clearFault(cluster, 'argocd-app-degraded');
      }
    },
  );

  it('503 naming the instance when it cannot be reached', async () => {
    sandbox.control.setBehaviour(
      { upstream: 'argocd', cluster: 'mgmt' },
      { refuse: true },
    );
    const argo = client('mgmt', { token: sandbox.credentials.argocdToken });
    const error = await argo.listApplications({}).catch(e => e);
    expect(error.name).toBe('ServiceUnavailableError');
    expect(error.message).toContain(
      'Argo CD of cluster mgmt could not be reached',
    );
  });
});
