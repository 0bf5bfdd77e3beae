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

import { Runbook } from './types';

/** Backups: etcd snapshots and Longhorn volume backups. */
export const BACKUP_RUNBOOKS: readonly Runbook[] = [
  {
    id: 'longhorn-backup-missing',
    title: 'Longhorn Volume Backup Missing or Stale',
    steps: [
      {
        text: 'Check the backup target is set and available',
        commands: [
          'kubectl get backuptargets.longhorn.io -n longhorn-system',
          'kubectl describe backuptargets.longhorn.io default -n longhorn-system',
        ],
      },
      {
        text: 'Check the recurring jobs and the groups each volume is in',
        commands: [
          'kubectl get recurringjobs.longhorn.io -n longhorn-system',
          'kubectl get volumes.longhorn.io -n longhorn-system --show-labels',
        ],
      },
      {
        text: 'Add the volume to a backup job',
        commands: [
          'kubectl label volumes.longhorn.io <volume> -n longhorn-system recurring-job-group.longhorn.io/default=enabled',
        ],
      },
      {
        text: 'Take a backup now (Longhorn UI: Volume, Create Backup) and verify it completed',
        commands: [
          'kubectl get backups.longhorn.io -n longhorn-system -l longhornvolume=<volume>',
        ],
      },
    ],
  },
];
