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
  HealthCheckCluster,
  HealthCheckKubernetesReader,
} from '@platform-portal/plugin-platform-node';
import { BackupAge } from './backupAge';
import { BackupLimits } from './backupLimits';
import { assessEtcdBackups } from './etcdBackups';
import { volumeBackupAges } from './longhornBackups';

/**
 * Every backup of a cluster that is older than its limit or never happened:
 * etcd snapshots and Longhorn volumes with data. For callers that block on
 * stale backups (an upgrade, a drain) rather than report health.
 */
export async function backupsOverLimit(
  kubernetes: HealthCheckKubernetesReader,
  cluster: HealthCheckCluster,
  limits: BackupLimits,
  now: Date = new Date(),
): Promise<BackupAge[]> {
  const [etcd, volumes] = await Promise.all([
    assessEtcdBackups(kubernetes, cluster, limits.etcdMaxAgeHours, now),
    volumeBackupAges(kubernetes, limits.volumeMaxAgeHours, now),
  ]);
  return [...etcd.ages, ...volumes.ages].filter(a => a.overLimit);
}
