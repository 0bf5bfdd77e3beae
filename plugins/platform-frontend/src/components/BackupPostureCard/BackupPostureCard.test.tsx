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

import { renderInTestApp } from '@backstage/test-utils';
import { LayerHealth } from '@platform-portal/plugin-platform-common';
import { screen, within } from '@testing-library/react';
import { BackupPostureCard } from './BackupPostureCard';

const observedAt = '2026-11-26T12:00:00.000Z';

const layer = (
  id: 'provisioning' | 'storage',
  checks: LayerHealth['checks'],
): LayerHealth => ({
  cluster: 'onprem-kubeadm-1',
  layer: id,
  verdict: 'critical',
  observedAt,
  checks,
});

describe('BackupPostureCard', () => {
  it('shows each backup check in order with its evidence and, when failing, its runbook', async () => {
    await renderInTestApp(
      <BackupPostureCard
        layers={[
          layer('storage', [
            {
              id: 'storage.longhorn-volumes',
              title: 'Longhorn volumes are healthy',
              verdict: 'ok',
              message: '2 volumes healthy',
              evidence: [],
            },
            {
              id: 'storage.longhorn-backup-age',
              title: 'Every volume with data was backed up within 26h',
              verdict: 'critical',
              message: 'Volume/longhorn-system/pvc-payments-db never backed up',
              runbook: 'longhorn-backup-missing',
              evidence: [
                {
                  object: 'Volume/longhorn-system/pvc-payments-db',
                  field: 'status.lastBackupAt',
                  value: 'no successful backup (limit 26h)',
                  observedAt,
                },
              ],
            },
          ]),
          layer('provisioning', [
            {
              id: 'provisioning.etcd-backup',
              title: 'etcd was snapshotted within 26h',
              verdict: 'ok',
              message: 'etcd snapshotted 2h ago (limit 26h)',
              runbook: 'etcd-backup-stale',
              evidence: [],
            },
          ]),
        ]}
      />,
    );
    const sections = screen.getAllByRole('region');
    expect(sections.map(s => s.getAttribute('aria-label'))).toEqual([
      'etcd was snapshotted within 26h',
      'Every volume with data was backed up within 26h',
    ]);
    const age = within(sections[1]);
    expect(age.getByText('Critical')).toBeInTheDocument();
    expect(
      age.getByText(/status.lastBackupAt: no successful backup \(limit 26h\)/),
    ).toBeInTheDocument();
    expect(
      age.getByText(/Runbook: Longhorn Volume Backup Missing or Stale/),
    ).toBeInTheDocument();
    expect(within(sections[0]).queryByText(/Runbook:/)).toBeNull();
    expect(screen.queryByText('Longhorn volumes are healthy')).toBeNull();
  });

  it('says when no backup check has run yet', async () => {
    await renderInTestApp(<BackupPostureCard layers={[]} />);
    expect(
      screen.getByText(/No backup checks have run on this cluster yet/),
    ).toBeInTheDocument();
  });
});
