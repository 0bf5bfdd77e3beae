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

import { PlatformHealthCheck } from '@platform-portal/plugin-platform-node';
import { BackupLimits, BACKUP_LIMIT_DEFAULTS } from '../../backup/backupLimits';
import { BACKUP_RUNBOOKS } from '../../backup/backupRunbooks';
import { assessEtcdBackups } from '../../backup/etcdBackups';
import {
  assessBackupCoverage,
  assessBackupTarget,
  assessVolumeBackupAges,
} from '../../backup/longhornBackups';

/**
 * Backup posture: whether the cluster could be restored tomorrow. etcd in
 * the provisioning layer, Longhorn volumes in the storage layer.
 */
export function backupChecks(
  limits: BackupLimits = BACKUP_LIMIT_DEFAULTS,
): PlatformHealthCheck[] {
  return [
    {
      id: 'provisioning.etcd-backup',
      layer: 'provisioning',
      title: `etcd was snapshotted within ${limits.etcdMaxAgeHours}h`,
      runbook: BACKUP_RUNBOOKS.etcd,
      async run({ kubernetes, cluster, now }) {
        return (
          await assessEtcdBackups(
            kubernetes,
            cluster,
            limits.etcdMaxAgeHours,
            now,
          )
        ).outcome;
      },
    },
    {
      id: 'storage.longhorn-backup-target',
      layer: 'storage',
      title: 'Longhorn has a reachable backup target',
      runbook: BACKUP_RUNBOOKS.longhorn,
      run: ({ kubernetes }) => assessBackupTarget(kubernetes),
    },
    {
      id: 'storage.longhorn-backup-coverage',
      layer: 'storage',
      title: 'Every volume with data is in a recurring backup job',
      runbook: BACKUP_RUNBOOKS.longhorn,
      run: ({ kubernetes }) => assessBackupCoverage(kubernetes),
    },
    {
      id: 'storage.longhorn-backup-age',
      layer: 'storage',
      title: `Every volume with data was backed up within ${limits.volumeMaxAgeHours}h`,
      runbook: BACKUP_RUNBOOKS.longhorn,
      run: ({ kubernetes, now }) =>
        assessVolumeBackupAges(kubernetes, limits.volumeMaxAgeHours, now),
    },
  ];
}
