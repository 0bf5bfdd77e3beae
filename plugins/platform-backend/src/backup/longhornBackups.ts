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
  HealthEvidence,
  HealthVerdict,
} from '@platform-portal/plugin-platform-common';
import {
  HealthCheckKubernetesReader,
  HealthCheckOutcome,
} from '@platform-portal/plugin-platform-node';
import {
  conditionOf,
  KubeObject,
  refOf,
  toTime,
} from '../health/checks/support';
import { ageEvidence, BackupAge, backupAge, describeAge } from './backupAge';
import { BACKUP_RUNBOOKS, runbookStep } from './backupRunbooks';

const LONGHORN = 'longhorn.io/v1beta2';
const JOB_LABEL = 'recurring-job.longhorn.io/';
const GROUP_LABEL = 'recurring-job-group.longhorn.io/';
const BACKUP_TASKS = new Set(['backup', 'backup-force-create']);
const RUNBOOK = BACKUP_RUNBOOKS.longhorn;

/** A volume holds data once Longhorn has written to it. */
export function hasData(volume: KubeObject): boolean {
  return Number(volume.status?.actualSize ?? 0) > 0;
}

/**
 * The backup target: the `default` BackupTarget (Longhorn 1.6 and later), or
 * the `backup-target` Setting on older releases.
 */
export async function assessBackupTarget(
  kubernetes: HealthCheckKubernetesReader,
): Promise<HealthCheckOutcome> {
  let targets: { items: KubeObject[]; observedAt: string };
  try {
    targets = await kubernetes.list<KubeObject>(LONGHORN, 'BackupTarget');
  } catch (error) {
    if ((error as Error).name !== 'NotFoundError') throw error;
    const settings = await kubernetes.list<KubeObject>(LONGHORN, 'Setting');
    const setting = settings.items.find(
      s => s.metadata?.name === 'backup-target',
    );
    const url = typeof setting?.value === 'string' ? setting.value : '';
    return {
      verdict: url ? 'ok' : 'critical',
      message: url
        ? `Backup target ${url} (reachability is reported by BackupTarget on Longhorn 1.6+)`
        : `No Longhorn backup target is configured — ${runbookStep(
            RUNBOOK,
            1,
          )}`,
      evidence: [
        {
          object: 'Setting/longhorn-system/backup-target',
          field: 'value',
          value: url || 'empty',
          observedAt: settings.observedAt,
        },
      ],
    };
  }
  const target =
    targets.items.find(t => t.metadata?.name === 'default') ?? targets.items[0];
  const url: string = target?.spec?.backupTargetURL ?? '';
  if (!target || !url) {
    return {
      verdict: 'critical',
      message: `No Longhorn backup target is configured: volumes cannot be backed up off the cluster — ${runbookStep(
        RUNBOOK,
        1,
      )}`,
      evidence: [
        {
          object: target
            ? refOf(target, 'BackupTarget')
            : 'BackupTarget/longhorn-system/default',
          field: 'spec.backupTargetURL',
          value: target ? 'empty' : 'not found',
          observedAt: targets.observedAt,
        },
      ],
    };
  }
  const unavailable = conditionOf(target, 'Unavailable');
  const ref = refOf(target, 'BackupTarget');
  if (target.status?.available !== true) {
    return {
      verdict: 'critical',
      message: `Backup target ${url} is not reachable${
        unavailable?.message ? `: ${unavailable.message}` : ''
      } — ${runbookStep(RUNBOOK, 1)}`,
      evidence: [
        {
          object: ref,
          field: 'status.available',
          value: `${target.status?.available ?? 'missing'}${
            unavailable
              ? ` (${unavailable.reason ?? ''} ${unavailable.message ?? ''})`
              : ''
          }`,
          observedAt: targets.observedAt,
        },
      ],
    };
  }
  return {
    verdict: 'ok',
    message: `Backup target ${url} is available`,
    evidence: [
      {
        object: ref,
        field: 'status.available',
        value: 'true',
        observedAt: targets.observedAt,
      },
    ],
  };
}

/** The recurring backup jobs that cover a volume, by its job and group labels. */
export function backupJobsOf(volume: KubeObject, jobs: KubeObject[]): string[] {
  const labels = volume.metadata?.labels ?? {};
  const enabled = (prefix: string) =>
    Object.entries(labels)
      .filter(([k, v]) => k.startsWith(prefix) && v === 'enabled')
      .map(([k]) => k.slice(prefix.length));
  const named = enabled(JOB_LABEL);
  // A volume with no recurring-job label at all belongs to the `default` group.
  const groups =
    named.length === 0 && enabled(GROUP_LABEL).length === 0
      ? ['default']
      : enabled(GROUP_LABEL);
  return jobs
    .filter(j => BACKUP_TASKS.has(j.spec?.task))
    .filter(
      j =>
        named.includes(j.metadata?.name ?? '') ||
        (j.spec?.groups ?? []).some((g: string) => groups.includes(g)),
    )
    .map(j => j.metadata?.name ?? '');
}

/** Every volume with data is in at least one recurring backup job. */
export async function assessBackupCoverage(
  kubernetes: HealthCheckKubernetesReader,
): Promise<HealthCheckOutcome> {
  const [volumes, jobs] = await Promise.all([
    kubernetes.list<KubeObject>(LONGHORN, 'Volume'),
    kubernetes.list<KubeObject>(LONGHORN, 'RecurringJob'),
  ]);
  const withData = volumes.items.filter(hasData);
  const uncovered = withData.filter(
    v => backupJobsOf(v, jobs.items).length === 0,
  );
  const facts: HealthEvidence[] = uncovered.map(v => ({
    object: refOf(v, 'Volume'),
    field: 'metadata.labels[recurring-job*]',
    value: `${
      Object.keys(v.metadata?.labels ?? {})
        .filter(k => k.startsWith(GROUP_LABEL) || k.startsWith(JOB_LABEL))
        .join(', ') || 'none'
    }; no backup RecurringJob covers it${
      v.status?.kubernetesStatus?.pvcName
        ? ` (PVC ${v.status.kubernetesStatus.namespace}/${v.status.kubernetesStatus.pvcName})`
        : ''
    }`,
    observedAt: volumes.observedAt,
  }));
  return {
    verdict: uncovered.length ? 'warning' : 'ok',
    message: uncovered.length
      ? `${
          uncovered.length
        } volume(s) with data in no recurring backup job: ${facts
          .map(f => f.object)
          .join(', ')} — ${runbookStep(RUNBOOK, 3)}`
      : `${withData.length} volumes with data, each in a recurring backup job`,
    evidence: facts,
  };
}

/** Each volume with data: the age of its last completed backup. */
export async function volumeBackupAges(
  kubernetes: HealthCheckKubernetesReader,
  limitHours: number,
  now: Date,
): Promise<{ ages: BackupAge[]; observedAt: string }> {
  const volumes = await kubernetes.list<KubeObject>(LONGHORN, 'Volume');
  return {
    observedAt: volumes.observedAt,
    ages: volumes.items
      .filter(hasData)
      .map(v =>
        backupAge(
          refOf(v, 'Volume'),
          refOf(v, 'Volume'),
          toTime(v.status?.lastBackupAt),
          limitHours,
          now,
        ),
      ),
  };
}

/** Never backed up is critical; older than the limit is a warning. */
export async function assessVolumeBackupAges(
  kubernetes: HealthCheckKubernetesReader,
  limitHours: number,
  now: Date,
): Promise<HealthCheckOutcome> {
  const { ages, observedAt } = await volumeBackupAges(
    kubernetes,
    limitHours,
    now,
  );
  const late = ages.filter(a => a.overLimit);
  const never = late.filter(a => a.ageHours === undefined);
  let verdict: HealthVerdict = late.length ? 'warning' : 'ok';
  if (never.length) verdict = 'critical';
  return {
    verdict,
    message: late.length
      ? `${late
          .map(a =>
            a.ageHours === undefined
              ? `${a.subject} never backed up`
              : `${a.subject} last backed up ${describeAge(a)}`,
          )
          .join('; ')} (limit ${limitHours}h) — ${runbookStep(
          RUNBOOK,
          never.length ? 3 : 4,
        )}`
      : `${ages.length} volumes backed up within ${limitHours}h`,
    evidence: late.map(a => ageEvidence(a, 'status.lastBackupAt', observedAt)),
  };
}
