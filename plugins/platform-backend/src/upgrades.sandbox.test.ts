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

import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Sandbox } from '@platform-portal/platform-sandbox';
import {
  FleetUpgradesResponse,
  UpgradeReport,
} from '@platform-portal/plugin-platform-common';
import request from 'supertest';
import { platformPlugin } from './plugin';
import { captureScheduler } from './__testUtils__/captureScheduler';
import { startUpstreamSandbox } from './__testUtils__/startUpstreamSandbox';
import { sandboxPlatformConfig } from './__testUtils__/sandboxPlatformConfig';

jest.setTimeout(60_000);

describe('the upgrade planner against the sandbox fleet', () => {
  let sandbox: Sandbox;
  let server: any;
  let stopBackend: () => Promise<void>;
  const capture = captureScheduler();

  const planOf = async (
    cluster: string,
    target?: string,
  ): Promise<UpgradeReport> => {
    const res = await request(server)
      .get(`/api/platform/upgrades/${cluster}`)
      .query(target ? { target } : {});
    expect(res.status).toBe(200);
    return res.body;
  };
  const ids = (report: UpgradeReport) => report.blockers.map(b => b.id).sort();

  beforeAll(async () => {
    sandbox = await startUpstreamSandbox();
    const config = sandboxPlatformConfig(sandbox);
    const backend = await startTestBackend({
      features: [
        platformPlugin,
        mockServices.rootConfig.factory({
          data: {
            ...config,
            platform: {
              ...config.platform,
              clients: { timeoutMs: 15_000, maxRetries: 1 },
            },
          },
        }),
        capture.module,
      ],
    });
    server = backend.server;
    stopBackend = () => backend.stop();
  });

  afterAll(async () => {
    await stopBackend?.();
    await sandbox?.stop();
  });

  it('names the objects still written through an API version 1.32 removes, and plans kubeadm node by node', async () => {
    const report = await planOf('onprem-kubeadm-1');
    expect(report).toMatchObject({
      currentVersion: 'v1.31.12',
      target: '1.32',
      provisioner: 'kubeadm',
    });
    expect(ids(report)).toEqual([
      'backup:provisioning.etcd-backup',
      'removed-api:flowcontrol.apiserver.k8s.io/v1beta3/FlowSchema',
      'removed-api:flowcontrol.apiserver.k8s.io/v1beta3/PriorityLevelConfiguration',
    ]);
    const flowSchemas = report.blockers.find(b =>
      b.id.endsWith('/FlowSchema'),
    )!;
    expect(flowSchemas.evidence).toContainEqual({
      object: 'FlowSchema platform-batch-jobs',
      field:
        'metadata.managedFields[manager=kubectl-client-side-apply].apiVersion',
      value: 'flowcontrol.apiserver.k8s.io/v1beta3',
    });
    expect(flowSchemas.source).toBe(
      'https://kubernetes.io/docs/reference/using-api/deprecation-guide/#flowcontrol-resources-v132',
    );

    const nodeSteps = report.plan.steps.filter(s => s.node);
    expect(nodeSteps.map(s => s.role)).toEqual([
      'control-plane',
      'control-plane',
      'control-plane',
      'worker',
      'worker',
      'worker',
    ]);
    expect(nodeSteps[0].commands).toContain(
      'sudo kubeadm upgrade apply -y "$(kubeadm version -o short)"',
    );
    expect(nodeSteps[1].commands).toContain('sudo kubeadm upgrade node');
    expect(nodeSteps[3].commands).toContain(
      `kubectl drain ${nodeSteps[3].node} --ignore-daemonsets --delete-emptydir-data`,
    );
    expect(nodeSteps[0].commands[0]).toBe(
      "sudo sed -i 's|/v1.31/|/v1.32/|' /etc/apt/sources.list.d/kubernetes.list",
    );
    // The storefront budget is honoured by the drains of the workers its pods run on.
    const honoured = nodeSteps.filter(s =>
      s.disruptionBudgets?.includes('storefront/storefront-web'),
    );
    expect(honoured.length).toBeGreaterThan(0);
    expect(honoured.every(s => s.role === 'worker')).toBe(true);
  });

  it('names the node that is not Ready and the disruption budget that blocks drains, and plans the Cluster API bumps in order', async () => {
    const report = await planOf('staging-1', '1.33.4');
    expect(report).toMatchObject({
      currentVersion: 'v1.32.8',
      target: '1.33.4',
      provisioner: 'cluster-api',
    });
    expect(ids(report)).toEqual([
      'drain-blocked:payments/payments-api',
      'node-not-ready:staging-1-md-0-2',
    ]);
    const budget = report.blockers.find(b => b.kind === 'drain-blocked')!;
    expect(budget.evidence).toContainEqual({
      object: 'PodDisruptionBudget payments/payments-api',
      field: 'status.disruptionsAllowed',
      value: '0',
    });
    expect(report.plan.steps.map(s => s.title)).toEqual([
      'KubeadmControlPlane clusters/staging-1-control-plane: v1.32.8 → v1.33.4',
      'MachineDeployment clusters/staging-1-md-0: v1.32.8 → v1.33.4',
    ]);
    expect(report.plan.steps[0].commands[0]).toContain(
      '--context mgmt -n clusters patch kubeadmcontrolplane staging-1-control-plane',
    );
  });

  it('names the add-on too old for the next minor, and dry-runs the RKE2 Plans on the cluster', async () => {
    const report = await planOf('edge-rke2-1');
    expect(report).toMatchObject({ target: '1.34', provisioner: 'rke2' });
    expect(ids(report)).toEqual(['addon:cert-manager']);
    const addon = report.blockers[0];
    expect(addon.title).toBe(
      'cert-manager v1.18.2 does not support Kubernetes 1.34',
    );
    expect(addon.source).toBe('https://cert-manager.io/docs/releases/');
    expect(addon.evidence[0]).toEqual({
      object: 'Deployment cert-manager/cert-manager',
      field: 'spec.template.spec.containers[0].image',
      value: 'quay.io/jetstack/cert-manager-controller:v1.18.2',
    });
    const plans = report.plan.steps.filter(s => s.manifest);
    expect(plans.map(s => s.title)).toEqual([
      'Apply Plan system-upgrade/server-plan',
      'Apply Plan system-upgrade/agent-plan',
    ]);
    expect(plans.map(s => s.dryRun?.outcome)).toEqual(['accepted', 'accepted']);
    expect(plans[0].manifest).toContain(
      'channel: https://update.rke2.io/v1-release/channels/v1.34',
    );
    // A dry run writes nothing.
    expect(
      sandbox.fleet
        .cluster('edge-rke2-1')!
        .store.list('plans.upgrade.cattle.io'),
    ).toEqual([]);
  });

  it('finds nothing blocking a healthy cluster, and a target that skips a minor is a blocker', async () => {
    expect((await planOf('prod-eu-1')).blockers).toEqual([]);
    const skipping = await planOf('prod-eu-1', '1.35');
    expect(ids(skipping)).toContain('target:minor-skip');
  });

  it('answers 400 naming target for a malformed or older target and 404 for an unknown cluster', async () => {
    for (const target of ['abc', '1.33', 'v1.32', '2.0', '1.34.1.2']) {
      const res = await request(server)
        .get('/api/platform/upgrades/prod-eu-1')
        .query({ target });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain("'target'");
    }
    const twice = await request(server).get(
      '/api/platform/upgrades/prod-eu-1?target=1.34&target=1.35',
    );
    expect(twice.status).toBe(400);
    const unknown = await request(server).get(
      '/api/platform/upgrades/no-such-cluster?target=1.34',
    );
    expect(unknown.status).toBe(404);
  });

  it('lists every cluster against its next minor with its blocker count', async () => {
    const res = await request(server).get('/api/platform/upgrades');
    expect(res.status).toBe(200);
    const fleet: FleetUpgradesResponse = res.body;
    const row = (name: string) => fleet.clusters.find(c => c.cluster === name);
    expect(row('onprem-kubeadm-1')).toMatchObject({
      currentVersion: 'v1.31.12',
      nextMinor: '1.32',
      blockers: 3,
    });
    expect(row('staging-1')).toMatchObject({ nextMinor: '1.33', blockers: 2 });
    expect(row('edge-rke2-1')).toMatchObject({
      nextMinor: '1.34',
      blockers: 1,
    });
    expect(row('prod-eu-1')).toMatchObject({ nextMinor: '1.34', blockers: 0 });
  });

  it('weighs the backup posture the health refresh stored: a failing etcd snapshot blocks', async () => {
    await capture.refreshHealth();
    const report = await planOf('onprem-kubeadm-1');
    const backup = report.blockers.find(
      b => b.id === 'backup:provisioning.etcd-backup',
    );
    expect(backup).toMatchObject({ kind: 'backup', severity: 'blocker' });
    expect(backup!.evidence.length).toBeGreaterThan(0);
    expect(report.notChecked.join(' ')).not.toContain(
      'provisioning.etcd-backup',
    );
    // A cluster whose backups are fine carries no backup finding.
    expect((await planOf('prod-eu-1')).blockers).toEqual([]);
  });
});
