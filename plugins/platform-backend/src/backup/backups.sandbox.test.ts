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
import { Sandbox } from '@platform-portal/platform-sandbox';
import { HealthCheckCluster } from '@platform-portal/plugin-platform-node';
import { UpstreamClients } from '../clients/UpstreamClients';
import { UpstreamPolicies } from '../clients/resilience/UpstreamPolicies';
import { readPlatformConfig } from '../config/readPlatformConfig';
import { backupChecks } from '../health/checks/backups';
import { sandboxControl } from '../__testUtils__/sandboxControl';
import { sandboxPlatformConfig } from '../__testUtils__/sandboxPlatformConfig';
import { startUpstreamSandbox } from '../__testUtils__/startUpstreamSandbox';
import { BACKUP_LIMIT_DEFAULTS } from './backupLimits';
import { backupsOverLimit } from './backupsOverLimit';

jest.setTimeout(60_000);

/** The backup posture of the demo fleet, read from the sandbox's Kubernetes APIs. */
describe('backup posture on the sandbox fleet', () => {
  let sandbox: Sandbox;
  let clients: UpstreamClients;
  const checks = backupChecks();

  beforeAll(async () => {
    sandbox = await startUpstreamSandbox();
    const config = readPlatformConfig(
      new ConfigReader(sandboxPlatformConfig(sandbox)),
    );
    clients = new UpstreamClients(config, new UpstreamPolicies());
  });

  afterAll(async () => {
    await sandbox?.stop();
  });

  const clusterOf = (
    name: string,
    provisioner: HealthCheckCluster['provisioner'],
  ): HealthCheckCluster => ({ name, provisioner, management: false });

  async function run(
    name: string,
    provisioner: HealthCheckCluster['provisioner'],
  ) {
    const kubernetes = clients.kubernetes(name)!;
    const results: Record<
      string,
      Awaited<ReturnType<(typeof checks)[number]['run']>>
    > = {};
    for (const check of checks) {
      results[check.id] = await check.run({
        cluster: clusterOf(name, provisioner),
        kubernetes,
        now: new Date(),
        signal: new AbortController().signal,
      });
    }
    return results;
  }

  it('finds nothing to report on prod-eu-1, the healthy cluster', async () => {
    const results = await run('prod-eu-1', 'cluster-api');
    for (const [id, result] of Object.entries(results)) {
      expect([id, result.verdict]).toEqual([id, 'ok']);
    }
    expect(results['provisioning.etcd-backup'].evidence[0].object).toBe(
      'CronJob/kube-system/etcd-snapshot',
    );
  });

  it('reports the failing etcd snapshot CronJob on onprem-kubeadm-1 as critical, with the failed Job and the runbook step', async () => {
    const { 'provisioning.etcd-backup': etcd } = await run(
      'onprem-kubeadm-1',
      'kubeadm',
    );
    expect(etcd.verdict).toBe('critical');
    expect(etcd.message).toMatch(
      /CronJob\/kube-system\/etcd-snapshot: last successful snapshot 3d \d+h ago, over the 26h limit; the latest run failed — runbook step 2: Read why the latest run failed/,
    );
    const failed = etcd.evidence.find(
      e => e.field === 'status.conditions[Failed]',
    );
    expect(failed?.object).toMatch(/^Job\/kube-system\/etcd-snapshot-\d+$/);
    expect(failed?.value).toMatch(/^BackoffLimitExceeded/);
  });

  it('reads RKE2 snapshots from ETCDSnapshotFile records on edge-rke2-1', async () => {
    const { 'provisioning.etcd-backup': etcd } = await run(
      'edge-rke2-1',
      'rke2',
    );
    expect(etcd.verdict).toBe('ok');
    expect(etcd.message).toMatch(
      /^Latest RKE2 etcd snapshot \d+h ago \(5 records, limit 26h\)$/,
    );
  });

  it('names the Longhorn volume on prod-eu-2 that no backup job covers and that was never backed up', async () => {
    const results = await run('prod-eu-2', 'cluster-api');
    expect(results['storage.longhorn-backup-target'].verdict).toBe('ok');
    const coverage = results['storage.longhorn-backup-coverage'];
    expect(coverage.verdict).toBe('warning');
    expect(coverage.evidence.map(e => e.object)).toEqual([
      'Volume/longhorn-system/pvc-payments-db',
    ]);
    expect(coverage.evidence[0].value).toContain(
      'recurring-job-group.longhorn.io/snapshot-only',
    );
    const age = results['storage.longhorn-backup-age'];
    expect(age.verdict).toBe('critical');
    expect(age.evidence).toEqual([
      expect.objectContaining({
        object: 'Volume/longhorn-system/pvc-payments-db',
        field: 'status.lastBackupAt',
        value: 'no successful backup (limit 26h)',
      }),
    ]);
    expect(age.message).toContain(
      'runbook step 3: Add the volume to a backup job',
    );
  });

  it('lists the backups over their limit for a caller that blocks on them, and none once the faults clear', async () => {
    const kubeadm = await backupsOverLimit(
      clients.kubernetes('onprem-kubeadm-1')!,
      clusterOf('onprem-kubeadm-1', 'kubeadm'),
      BACKUP_LIMIT_DEFAULTS,
    );
    expect(kubeadm.map(a => [a.subject, a.source])).toEqual([
      ['etcd', 'CronJob/kube-system/etcd-snapshot'],
    ]);
    expect(kubeadm[0].ageHours).toBeGreaterThan(26);
    const capi = await backupsOverLimit(
      clients.kubernetes('prod-eu-2')!,
      clusterOf('prod-eu-2', 'cluster-api'),
      BACKUP_LIMIT_DEFAULTS,
    );
    expect(capi.map(a => a.subject)).toEqual([
      'Volume/longhorn-system/pvc-payments-db',
    ]);

    await sandboxControl(
      sandbox,
      'DELETE',
      '/faults?cluster=onprem-kubeadm-1&id=etcd-snapshot-failing',
    );
    await sandboxControl(
      sandbox,
      'DELETE',
      '/faults?cluster=prod-eu-2&id=longhorn-volume-no-backup',
    );
    await sandboxControl(sandbox, 'POST', '/time/advance', { ms: 0 });
    expect(
      await backupsOverLimit(
        clients.kubernetes('onprem-kubeadm-1')!,
        clusterOf('onprem-kubeadm-1', 'kubeadm'),
        BACKUP_LIMIT_DEFAULTS,
      ),
    ).toEqual([]);
  });
});
