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
  HealthCheckCluster,
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

/** What the portal found about a cluster's etcd snapshots. */
export interface EtcdBackupAssessment {
  outcome: HealthCheckOutcome;
  /** One age per snapshot source; empty when none was found. */
  ages: BackupAge[];
}

const RUNBOOK = BACKUP_RUNBOOKS.etcd;

/**
 * A CronJob that snapshots etcd: named for it, or running `etcdctl snapshot
 * save` / `etcdutl snapshot` (kubeadm leaves etcd backups to the operator).
 */
export function isEtcdSnapshotCronJob(cron: KubeObject): boolean {
  const name = cron.metadata?.name ?? '';
  if (/etcd/i.test(name) && /(snapshot|backup)/i.test(name)) return true;
  const containers: Array<{ command?: string[]; args?: string[] }> =
    cron.spec?.jobTemplate?.spec?.template?.spec?.containers ?? [];
  return containers.some(c =>
    /etcd(ctl|utl)\b.*\bsnapshot\s+save/.test(
      [...(c.command ?? []), ...(c.args ?? [])].join(' '),
    ),
  );
}

function ownedBy(job: KubeObject, cron: KubeObject): boolean {
  const owners: Array<{ kind?: string; name?: string }> =
    (
      job.metadata as {
        ownerReferences?: Array<{ kind?: string; name?: string }>;
      }
    )?.ownerReferences ?? [];
  return (
    job.metadata?.namespace === cron.metadata?.namespace &&
    owners.some(o => o.kind === 'CronJob' && o.name === cron.metadata?.name)
  );
}

function worst(a: HealthVerdict, b: HealthVerdict): HealthVerdict {
  const order: HealthVerdict[] = ['ok', 'unknown', 'warning', 'critical'];
  return order.indexOf(b) > order.indexOf(a) ? b : a;
}

async function cronJobSnapshots(
  kubernetes: HealthCheckKubernetesReader,
  limitHours: number,
  now: Date,
): Promise<EtcdBackupAssessment> {
  const [crons, jobs] = await Promise.all([
    kubernetes.list<KubeObject>('batch/v1', 'CronJob'),
    kubernetes.list<KubeObject>('batch/v1', 'Job'),
  ]);
  const snapshots = crons.items.filter(isEtcdSnapshotCronJob);
  if (snapshots.length === 0) {
    return {
      ages: [],
      outcome: {
        verdict: 'warning',
        message: `No etcd snapshot CronJob found: backups taken outside the cluster are not visible to the portal — ${runbookStep(
          RUNBOOK,
          3,
        )}`,
        evidence: [
          {
            object: 'CronJob/*',
            field: 'etcdctl snapshot save',
            value: 'none',
            observedAt: crons.observedAt,
          },
        ],
      },
    };
  }
  let verdict: HealthVerdict = 'ok';
  const facts: HealthEvidence[] = [];
  const problems: string[] = [];
  const ages: BackupAge[] = [];
  for (const cron of snapshots) {
    const ref = refOf(cron, 'CronJob');
    const runs = jobs.items.filter(j => ownedBy(j, cron));
    const successes = runs
      .filter(j => conditionOf(j, 'Complete')?.status === 'True')
      .map(j => toTime(j.status?.completionTime))
      .filter((t): t is number => t !== undefined);
    const fromStatus = toTime(cron.status?.lastSuccessfulTime);
    const candidates =
      fromStatus === undefined ? successes : [...successes, fromStatus];
    const last = candidates.length ? Math.max(...candidates) : undefined;
    const age = backupAge('etcd', ref, last, limitHours, now);
    ages.push(age);
    facts.push(ageEvidence(age, 'status.lastSuccessfulTime', crons.observedAt));
    const failed = runs
      .filter(j => conditionOf(j, 'Failed')?.status === 'True')
      .filter(j => (toTime(j.status?.startTime) ?? 0) > (last ?? 0))
      .sort(
        (a, b) =>
          (toTime(b.status?.startTime) ?? 0) -
          (toTime(a.status?.startTime) ?? 0),
      );
    if (failed.length > 0) {
      const condition = conditionOf(failed[0], 'Failed');
      facts.push({
        object: refOf(failed[0], 'Job'),
        field: 'status.conditions[Failed]',
        value: `${condition?.reason ?? 'Failed'}: ${
          condition?.message ?? ''
        } (${failed.length} failed run(s) since the last success)`,
        observedAt: jobs.observedAt,
      });
    }
    if (cron.spec?.suspend === true) {
      facts.push({
        object: ref,
        field: 'spec.suspend',
        value: 'true',
        observedAt: crons.observedAt,
      });
    }
    if (age.overLimit) {
      verdict = 'critical';
      problems.push(
        `${ref}: last successful snapshot ${describeAge(
          age,
        )}, over the ${limitHours}h limit${
          failed.length ? `; the latest run failed` : ''
        } — ${runbookStep(RUNBOOK, failed.length ? 2 : 1)}`,
      );
    } else if (failed.length > 0 || cron.spec?.suspend === true) {
      verdict = worst(verdict, 'warning');
      problems.push(
        `${ref}: ${
          cron.spec?.suspend === true ? 'suspended' : 'the latest run failed'
        }, last success ${describeAge(age)} — ${runbookStep(RUNBOOK, 2)}`,
      );
    }
  }
  return {
    ages,
    outcome: {
      verdict,
      message: problems.length
        ? problems.join('; ')
        : `etcd snapshotted ${ages
            .map(describeAge)
            .join(', ')} (limit ${limitHours}h)`,
      evidence: facts,
    },
  };
}

/** The latest success of RKE2's snapshot records, from ETCDSnapshotFile objects or the older ConfigMap. */
async function rke2Snapshots(
  kubernetes: HealthCheckKubernetesReader,
  limitHours: number,
  now: Date,
): Promise<EtcdBackupAssessment> {
  let records: Array<{
    name: string;
    at?: number;
    ok: boolean;
    error?: string;
  }>;
  let source: string;
  let observedAt: string;
  try {
    const files = await kubernetes.list<KubeObject>(
      'k3s.cattle.io/v1',
      'ETCDSnapshotFile',
    );
    source = 'ETCDSnapshotFile/*';
    observedAt = files.observedAt;
    records = files.items.map(f => ({
      name: f.metadata?.name ?? '',
      at: toTime(f.status?.creationTime),
      ok: f.status?.readyToUse === true && !f.status?.error,
      error: f.status?.error?.message,
    }));
  } catch (error) {
    // RKE2 before the ETCDSnapshotFile CRD (v1.27.x) kept the list in a ConfigMap.
    if ((error as Error).name !== 'NotFoundError') throw error;
    const maps = await kubernetes.list<KubeObject>('v1', 'ConfigMap');
    const map = maps.items.find(
      m =>
        m.metadata?.namespace === 'kube-system' &&
        m.metadata?.name === 'rke2-etcd-snapshots',
    );
    source = 'ConfigMap/kube-system/rke2-etcd-snapshots';
    observedAt = maps.observedAt;
    records = Object.entries((map?.data ?? {}) as Record<string, string>).map(
      ([name, raw]) => {
        let entry: { createdAt?: string; status?: string; message?: string } =
          {};
        try {
          entry = JSON.parse(raw);
        } catch {
          entry = {};
        }
        return {
          name,
          at: toTime(entry.createdAt),
          ok: entry.status !== 'failed',
          error: entry.message,
        };
      },
    );
  }
  const successes = records
    .filter(r => r.ok && r.at !== undefined)
    .map(r => r.at!);
  const last = successes.length ? Math.max(...successes) : undefined;
  const age = backupAge('etcd', source, last, limitHours, now);
  const facts: HealthEvidence[] = [
    ageEvidence(age, 'status.creationTime', observedAt),
  ];
  const failures = records.filter(r => !r.ok && (r.at ?? 0) > (last ?? 0));
  if (failures.length) {
    facts.push({
      object: source,
      field: 'status.error',
      value: `${failures[0].name}: ${failures[0].error ?? 'failed'}`,
      observedAt,
    });
  }
  let verdict: HealthVerdict = failures.length ? 'warning' : 'ok';
  if (age.overLimit) verdict = 'critical';
  return {
    ages: [age],
    outcome: {
      verdict,
      message:
        verdict === 'ok'
          ? `Latest RKE2 etcd snapshot ${describeAge(age)} (${
              records.length
            } records, limit ${limitHours}h)`
          : `Latest successful RKE2 etcd snapshot ${describeAge(age)}${
              age.overLimit ? `, over the ${limitHours}h limit` : ''
            }${
              failures.length ? `; ${failures.length} failed since` : ''
            } — ${runbookStep(RUNBOOK, failures.length ? 2 : 1)}`,
      evidence: facts,
    },
  };
}

/** etcd snapshots by provisioner: RKE2's own records, or a snapshot CronJob elsewhere. */
export function assessEtcdBackups(
  kubernetes: HealthCheckKubernetesReader,
  cluster: HealthCheckCluster,
  limitHours: number,
  now: Date,
): Promise<EtcdBackupAssessment> {
  return cluster.provisioner === 'rke2'
    ? rke2Snapshots(kubernetes, limitHours, now)
    : cronJobSnapshots(kubernetes, limitHours, now);
}
