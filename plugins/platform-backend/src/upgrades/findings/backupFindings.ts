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
  HealthCheckResult,
  UpgradeFinding,
} from '@platform-portal/plugin-platform-common';

/** The backup checks whose age decides whether a cluster could be restored after a failed upgrade. */
const AGE_CHECKS: readonly string[] = [
  'provisioning.etcd-backup',
  'storage.longhorn-backup-age',
];

/**
 * The backup posture's own verdicts, as the health refresh last stored them:
 * a backup older than its configured limit (critical) blocks the upgrade,
 * one near it (warning) is a warning. Returns what could not be weighed.
 */
export function backupFindings(checks: HealthCheckResult[] | undefined): {
  findings: UpgradeFinding[];
  notChecked: string[];
} {
  const findings: UpgradeFinding[] = [];
  const notChecked: string[] = [];
  for (const id of AGE_CHECKS) {
    const check = checks?.find(c => c.id === id);
    if (!check || check.verdict === 'unknown') {
      notChecked.push(
        `Backup age (${id}): ${
          check
            ? check.message
            : 'no stored verdict yet (the health refresh has not read it)'
        }; check it before you start.`,
      );
      continue;
    }
    if (check.verdict === 'ok') continue;
    findings.push({
      id: `backup:${id}`,
      kind: 'backup',
      severity: check.verdict === 'critical' ? 'blocker' : 'warning',
      title: `${check.title}: ${
        check.verdict === 'critical'
          ? 'no backup within its limit'
          : 'backup near its limit'
      }`,
      message: `${check.message} An upgrade that fails half-way is recovered from this backup.`,
      evidence: check.evidence.map(e => ({
        object: e.object,
        field: e.field,
        value: e.value,
      })),
      runbook: [
        check.remediation?.text ??
          'Follow the backup posture card on the cluster page for this check.',
        'Take a fresh backup and see it complete (etcdctl snapshot save on kubeadm, rke2 etcd-snapshot save on RKE2, a Longhorn backup of each volume).',
        'Plan again once the backup posture is ok.',
      ],
    });
  }
  return { findings, notChecked };
}
