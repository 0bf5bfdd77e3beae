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

import { NotFoundError } from '@backstage/errors';
import { HealthCheckKubernetesReader } from '@platform-portal/plugin-platform-node';
import { assessEtcdBackups, isEtcdSnapshotCronJob } from './etcdBackups';
import { backupJobsOf } from './longhornBackups';

const NOW = new Date('2026-11-26T12:00:00Z');
const observedAt = NOW.toISOString();

/** A reader on an RKE2 release before ETCDSnapshotFile: the CRD is not served. */
function olderRke2(data: Record<string, string>): HealthCheckKubernetesReader {
  return {
    async list<T>(_apiVersion: string, kind: string) {
      if (kind === 'ETCDSnapshotFile') {
        throw new NotFoundError(
          'the server could not find the requested resource',
        );
      }
      const map = {
        kind: 'ConfigMap',
        metadata: { namespace: 'kube-system', name: 'rke2-etcd-snapshots' },
        data,
      };
      return { items: (kind === 'ConfigMap' ? [map] : []) as T[], observedAt };
    },
  };
}

describe('etcd backups', () => {
  it('falls back to the rke2-etcd-snapshots ConfigMap, reporting a failure after the last success', async () => {
    const { outcome, ages } = await assessEtcdBackups(
      olderRke2({
        'etcd-snapshot-cp-1-1764100800': JSON.stringify({
          createdAt: '2026-11-25T20:00:00Z',
          status: 'successful',
        }),
        'etcd-snapshot-cp-1-1764144000': JSON.stringify({
          createdAt: '2026-11-26T08:00:00Z',
          status: 'failed',
          message: 'context deadline exceeded',
        }),
      }),
      { name: 'edge', provisioner: 'rke2', management: false },
      26,
      NOW,
    );
    expect(ages[0]).toMatchObject({
      source: 'ConfigMap/kube-system/rke2-etcd-snapshots',
      ageHours: 16,
      overLimit: false,
    });
    expect(outcome.verdict).toBe('warning');
    expect(outcome.evidence[1].value).toBe(
      'etcd-snapshot-cp-1-1764144000: context deadline exceeded',
    );
  });

  it('is critical when RKE2 has no successful snapshot at all', async () => {
    const { outcome } = await assessEtcdBackups(
      olderRke2({}),
      { name: 'edge', provisioner: 'rke2', management: false },
      26,
      NOW,
    );
    expect(outcome.verdict).toBe('critical');
    expect(outcome.message).toContain('never');
  });

  it('recognises a snapshot CronJob by its command when its name does not say so', () => {
    const cron = (name: string, command: string[]) => ({
      metadata: { name },
      spec: {
        jobTemplate: {
          spec: { template: { spec: { containers: [{ command }] } } },
        },
      },
    });
    expect(
      isEtcdSnapshotCronJob(
        cron('nightly', [
          'sh',
          '-c',
          'etcdctl --endpoints=x snapshot save /b/s.db',
        ]),
      ),
    ).toBe(true);
    expect(
      isEtcdSnapshotCronJob(cron('etcd-defrag', ['etcdctl', 'defrag'])),
    ).toBe(false);
  });
});

describe('Longhorn recurring backup coverage', () => {
  const jobs = [
    {
      metadata: { name: 'backup-daily' },
      spec: { task: 'backup', groups: ['default'] },
    },
    {
      metadata: { name: 'snap' },
      spec: { task: 'snapshot', groups: ['default', 'scratch'] },
    },
    { metadata: { name: 'backup-db' }, spec: { task: 'backup', groups: [] } },
  ];
  const volume = (labels: Record<string, string>) => ({
    metadata: { name: 'v', labels },
  });

  it.each([
    ['no recurring-job label: the default group', {}, ['backup-daily']],
    [
      'a group with only a snapshot job',
      { 'recurring-job-group.longhorn.io/scratch': 'enabled' },
      [],
    ],
    [
      'a backup job named directly',
      { 'recurring-job.longhorn.io/backup-db': 'enabled' },
      ['backup-db'],
    ],
    [
      'a disabled label',
      { 'recurring-job.longhorn.io/backup-db': 'disabled' },
      ['backup-daily'],
    ],
  ])('%s', (_case, labels, expected) => {
    expect(backupJobsOf(volume(labels), jobs)).toEqual(expected);
  });
});
