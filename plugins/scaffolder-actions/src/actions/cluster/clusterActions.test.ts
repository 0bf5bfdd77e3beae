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
import {
  actionSetup,
  contextFor,
  revisionOf,
  startTestSandbox,
  userOf,
  whileTicking,
} from '../../__testUtils__/sandboxSupport';
import { createClusterAction } from './createClusterAction';
import { scaleClusterAction } from './scaleClusterAction';
import { upgradeClusterAction } from './upgradeClusterAction';

jest.setTimeout(60_000);

const platformUser = userOf('alice', ['platform-team']);

describe('platform:cluster:scale and platform:cluster:upgrade', () => {
  let sandbox: Sandbox;
  let setup: ReturnType<typeof actionSetup>;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(() => sandbox.stop());
  beforeEach(() => {
    setup = actionSetup(sandbox, { waitTimeoutSeconds: 30 });
  });

  const mgmt = () => sandbox.fleet.cluster('mgmt')!.store;
  const kcp = (cluster: string) =>
    mgmt().get(
      'kubeadmcontrolplanes.controlplane.cluster.x-k8s.io',
      'clusters',
      `${cluster}-control-plane`,
    )!;
  const md = (cluster: string) =>
    mgmt().get(
      'machinedeployments.cluster.x-k8s.io',
      'clusters',
      `${cluster}-md-0`,
    )!;

  it('scales the workers of a production cluster', async () => {
    const { ctx, outputs } = contextFor(
      { cluster: 'prod-eu-1', pool: 'workers', replicas: 6 },
      { user: platformUser },
    );
    await scaleClusterAction(setup).handler(ctx);
    expect((md('prod-eu-1').spec as any).replicas).toBe(6);
    expect(outputs).toMatchObject({
      cluster: 'prod-eu-1',
      object: 'MachineDeployment prod-eu-1-md-0',
      previousReplicas: 5,
      replicas: 6,
    });
    expect(setup.auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'cluster-scale',
        meta: expect.objectContaining({
          actor: 'user:default/alice',
          from: 5,
          to: 6,
        }),
      }),
    );
  });

  it('keeps etcd quorum: odd control planes, at least 3 in production', async () => {
    const before = revisionOf(sandbox, 'mgmt');
    const handler = scaleClusterAction(setup).handler;
    await expect(
      handler(
        contextFor(
          { cluster: 'prod-eu-1', pool: 'control-plane', replicas: 4 },
          { user: platformUser },
        ).ctx,
      ),
    ).rejects.toThrow(
      'replicas: 4 control-plane nodes cannot keep etcd quorum; use an odd number',
    );
    await expect(
      handler(
        contextFor(
          { cluster: 'prod-eu-1', pool: 'control-plane', replicas: 1 },
          { user: platformUser },
        ).ctx,
      ),
    ).rejects.toThrow(
      'replicas: production clusters need at least 3 control-plane nodes',
    );
    await expect(
      handler(
        contextFor(
          { cluster: 'prod-eu-1', pool: 'workers', replicas: 2 },
          { user: platformUser },
        ).ctx,
      ),
    ).rejects.toThrow('at least 3 workers');
    expect(revisionOf(sandbox, 'mgmt')).toBe(before);
  });

  it('lets only the platform team change clusters, and only Cluster API ones', async () => {
    const before = revisionOf(sandbox, 'mgmt');
    const handler = scaleClusterAction(setup).handler;
    await expect(
      handler(
        contextFor({ cluster: 'prod-eu-1', pool: 'workers', replicas: 9 }).ctx,
      ),
    ).rejects.toThrow('permission platform.cluster.provision was denied');
    await expect(
      handler(
        contextFor(
          { cluster: 'onprem-kubeadm-1', pool: 'workers', replicas: 4 },
          { user: platformUser },
        ).ctx,
      ),
    ).rejects.toThrow(
      'cluster: "onprem-kubeadm-1" is not managed by Cluster API (provisioner kubeadm)',
    );
    await expect(
      handler(
        contextFor(
          { cluster: 'mgmt', pool: 'workers', replicas: 4 },
          { user: platformUser },
        ).ctx,
      ),
    ).rejects.toThrow('is a management cluster');
    expect(revisionOf(sandbox, 'mgmt')).toBe(before);
  });

  it('refuses upgrades that skip a minor version or go backwards', async () => {
    const handler = upgradeClusterAction(setup).handler;
    await expect(
      handler(
        contextFor(
          { cluster: 'staging-1', version: 'v1.34.0' },
          { user: platformUser },
        ).ctx,
      ),
    ).rejects.toThrow(
      'version: v1.34.0 skips minor versions; upgrade from v1.32.8 to v1.33.x first',
    );
    await expect(
      handler(
        contextFor(
          { cluster: 'staging-1', version: 'v1.31.0' },
          { user: platformUser },
        ).ctx,
      ),
    ).rejects.toThrow('is not newer');
  });

  it('dry run of an upgrade changes nothing', async () => {
    const before = revisionOf(sandbox, 'mgmt');
    const { ctx, logs } = contextFor(
      { cluster: 'staging-1', version: 'v1.33.4' },
      { user: platformUser, isDryRun: true },
    );
    await upgradeClusterAction(setup).handler(ctx);
    expect(revisionOf(sandbox, 'mgmt')).toBe(before);
    expect(logs).toEqual(
      expect.arrayContaining([
        'Would set KubeadmControlPlane staging-1-control-plane to v1.33.4',
        'Would set MachineDeployment staging-1-md-0 to v1.33.4',
      ]),
    );
  });

  it('upgrades the control plane first, then the workers', async () => {
    const { ctx, outputs } = contextFor(
      { cluster: 'staging-1', version: 'v1.33.4' },
      { user: platformUser },
    );
    await whileTicking(
      sandbox,
      upgradeClusterAction(setup).handler(ctx),
      30_000,
    );
    expect((kcp('staging-1').status as any).version).toBe('v1.33.4');
    expect((md('staging-1').spec as any).template.spec.version).toBe('v1.33.4');
    expect(outputs).toEqual({
      cluster: 'staging-1',
      previousVersion: 'v1.32.8',
      version: 'v1.33.4',
    });
    // Running it again is a no-op.
    const before = revisionOf(sandbox, 'mgmt');
    await upgradeClusterAction(setup).handler(
      contextFor(
        { cluster: 'staging-1', version: 'v1.33.4' },
        { user: platformUser },
      ).ctx,
    );
    expect((md('staging-1').spec as any).template.spec.version).toBe('v1.33.4');
    expect(revisionOf(sandbox, 'mgmt')).toBe(before);
  });

  const newCluster = (extra: Record<string, unknown> = {}) => ({
    name: 'prod-eu-3',
    managementCluster: 'mgmt',
    environment: 'production',
    region: 'eu-central',
    version: 'v1.33.4',
    controlPlaneReplicas: 3,
    workerReplicas: 5,
    ...extra,
  });

  it('declares a new cluster from the template, and a re-run changes nothing', async () => {
    const { ctx, outputs } = contextFor(newCluster(), { user: platformUser });
    await createClusterAction(setup).handler(ctx);
    expect(
      mgmt().get('clusters.cluster.x-k8s.io', 'clusters', 'prod-eu-3'),
    ).toBeDefined();
    expect(kcp('prod-eu-3').spec as any).toMatchObject({
      replicas: 3,
      version: 'v1.33.4',
    });
    // The configured Dex, not a built-in address.
    expect(
      (kcp('prod-eu-3').spec as any).kubeadmConfigSpec.clusterConfiguration
        .apiServer.extraArgs,
    ).toEqual(
      expect.arrayContaining([
        { name: 'oidc-issuer-url', value: 'https://dex.apps.example.internal' },
        { name: 'oidc-client-id', value: 'kubernetes' },
      ]),
    );
    expect(md('prod-eu-3').spec as any).toMatchObject({
      replicas: 5,
      template: { spec: { version: 'v1.33.4' } },
    });
    expect(outputs.objects).toEqual([
      'Cluster prod-eu-3: created',
      'KubeadmControlPlane prod-eu-3-control-plane: created',
      'MachineDeployment prod-eu-3-md-0: created',
    ]);
    const before = revisionOf(sandbox, 'mgmt');
    await createClusterAction(setup).handler(
      contextFor(newCluster(), { user: platformUser }).ctx,
    );
    expect(revisionOf(sandbox, 'mgmt')).toBe(before);
  });

  it('refuses unsafe or conflicting new clusters before writing', async () => {
    const before = revisionOf(sandbox, 'mgmt');
    const handler = createClusterAction(setup).handler;
    await expect(
      handler(
        contextFor(newCluster({ name: 'new-1', controlPlaneReplicas: 1 }), {
          user: platformUser,
        }).ctx,
      ),
    ).rejects.toThrow(
      'controlPlaneReplicas: production clusters need at least 3 control-plane nodes',
    );
    await expect(
      handler(
        contextFor(newCluster({ name: 'prod-eu-1' }), { user: platformUser })
          .ctx,
      ),
    ).rejects.toThrow('name: a cluster named "prod-eu-1" already exists');
    await expect(
      handler(
        contextFor(
          newCluster({ name: 'new-2', managementCluster: 'prod-eu-2' }),
          { user: platformUser },
        ).ctx,
      ),
    ).rejects.toThrow(
      'managementCluster: cluster "prod-eu-2" is not a Cluster API management cluster',
    );
    await expect(
      handler(contextFor(newCluster({ name: 'new-3' })).ctx),
    ).rejects.toThrow('permission platform.cluster.provision was denied');
    expect(revisionOf(sandbox, 'mgmt')).toBe(before);
  });

  it("takes the OIDC issuer of new clusters from the portal's own sign-in, and refuses without one", async () => {
    const derived = actionSetup(sandbox, {
      clusterOidc: undefined,
    });
    expect(derived.config.clusterOidc).toBeUndefined();
    const before = revisionOf(sandbox, 'mgmt');
    await expect(
      createClusterAction(derived).handler(
        contextFor(newCluster({ name: 'no-oidc' }), { user: platformUser }).ctx,
      ),
    ).rejects.toThrow(
      'platform.selfService.clusterOidc.issuerUrl is not configured',
    );
    expect(revisionOf(sandbox, 'mgmt')).toBe(before);
  });

  it('dry run of a new cluster changes nothing', async () => {
    const before = revisionOf(sandbox, 'mgmt');
    const { ctx, logs } = contextFor(newCluster({ name: 'dry-1' }), {
      user: platformUser,
      isDryRun: true,
    });
    await createClusterAction(setup).handler(ctx);
    expect(revisionOf(sandbox, 'mgmt')).toBe(before);
    expect(
      logs.some(l =>
        l.includes(
          'Would apply KubeadmControlPlane clusters/dry-1-control-plane',
        ),
      ),
    ).toBe(true);
  });
});
