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

import { KubeObject, timestamp } from '../kube/objects';
import { ObjectStore } from '../kube/store';
import { ClusterSpec } from '../scenario/types';
import { byIndex, ClusterFaults, nodeRoles } from './clusterFaults';
import { modify, shortHash, upsert } from './objectWrites';

const HOUR = 3600_000;
const LH = 'longhorn.io';
const LH_NS = 'longhorn-system';
/** A kubeadm etcd snapshot CronJob as the platform's runbook installs it. */
export const ETCD_SNAPSHOT_CRONJOB = { namespace: 'kube-system', name: 'etcd-snapshot', everyHours: 6 };
/** RKE2's default snapshot schedule: 00:00 and 12:00, five kept. */
const RKE2_SNAPSHOT = { everyHours: 12, retention: 5 };
/** How long a failing etcd snapshot job has not succeeded. */
const FAILING_FOR_RUNS = 12;
/** The volume group the Longhorn fault puts a volume in: only snapshots, never backups. */
const SNAPSHOT_ONLY_GROUP = 'snapshot-only';
const BACKUP_HOUR_UTC = 2;

/** The latest slot of a schedule that repeats every `everyHours` from midnight UTC. */
function latestSlot(now: Date, everyHours: number, offsetHours = 0): Date {
  const period = everyHours * HOUR;
  const offset = offsetHours * HOUR;
  return new Date(Math.floor((now.getTime() - offset) / period) * period + offset);
}

function controlPlaneNodes(store: ObjectStore): string[] {
  return nodeRoles(store.list('nodes')).filter(r => r.controlPlane).map(r => r.name).sort(byIndex);
}

function jobConditions(types: string[], reason: string, message: string, at: string): Array<Record<string, string>> {
  return types.map(type => ({ type, status: 'True', reason, message, lastProbeTime: at, lastTransitionTime: at }));
}

function snapshotJob(scheduled: Date, succeeded: boolean, cronUid: string | undefined): KubeObject {
  const { namespace, name } = ETCD_SNAPSHOT_CRONJOB;
  const start = timestamp(new Date(scheduled.getTime() + 2_000));
  const end = timestamp(new Date(scheduled.getTime() + 40_000));
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      // The CronJob controller names each Job after its scheduled minute.
      name: `${name}-${Math.floor(scheduled.getTime() / 60_000)}`,
      namespace,
      creationTimestamp: timestamp(scheduled),
      labels: { 'app.kubernetes.io/name': name },
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name, uid: cronUid ?? '', controller: true, blockOwnerDeletion: true }],
    },
    spec: { backoffLimit: 2, template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'snapshot', image: 'registry.k8s.io/etcd:3.5.21-0' }] } } },
    // The Job controller since Kubernetes 1.31: SuccessCriteriaMet before Complete and FailureTarget before Failed, which the API server requires.
    status: succeeded
      ? { startTime: start, completionTime: end, succeeded: 1, conditions: jobConditions(['SuccessCriteriaMet', 'Complete'], 'CompletionsReached', 'Reached expected number of succeeded pods', end) }
      : { startTime: start, failed: 3, conditions: jobConditions(['FailureTarget', 'Failed'], 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', end) },
  };
}

/** kubeadm clusters: a CronJob runs `etcdctl snapshot save` every six hours; its Jobs record each run. */
function reconcileEtcdCronJob(store: ObjectStore, faults: ClusterFaults, now: Date): void {
  const { namespace, name, everyHours } = ETCD_SNAPSHOT_CRONJOB;
  const latest = latestSlot(now, everyHours);
  const failing = faults.has('etcd-snapshot-failing');
  const lastSuccess = failing ? new Date(latest.getTime() - FAILING_FOR_RUNS * everyHours * HOUR) : latest;
  const cron = upsert(store, 'cronjobs.batch', {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name, namespace, labels: { 'app.kubernetes.io/name': name } },
    spec: {
      schedule: `0 */${everyHours} * * *`,
      concurrencyPolicy: 'Forbid',
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: {
        spec: {
          backoffLimit: 2,
          template: {
            spec: {
              restartPolicy: 'OnFailure',
              hostNetwork: true,
              nodeSelector: { 'node-role.kubernetes.io/control-plane': '' },
              containers: [
                {
                  name: 'snapshot',
                  image: 'registry.k8s.io/etcd:3.5.21-0',
                  command: ['/bin/sh', '-c', 'etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/healthcheck-client.crt --key=/etc/kubernetes/pki/etcd/healthcheck-client.key snapshot save /var/backups/etcd/snapshot-$(date +%Y%m%dT%H%M).db'],
                },
              ],
            },
          },
        },
      },
    },
    status: { lastScheduleTime: timestamp(latest), lastSuccessfulTime: timestamp(new Date(lastSuccess.getTime() + 40_000)) },
  });
  const wanted: KubeObject[] = [];
  for (let i = 2; i >= 0; i--) wanted.push(snapshotJob(new Date(lastSuccess.getTime() - i * everyHours * HOUR), true, cron.metadata.uid));
  if (failing) wanted.push(snapshotJob(latest, false, cron.metadata.uid));
  const names = new Set(wanted.map(j => j.metadata.name));
  for (const job of store.list('jobs.batch', namespace)) {
    if (job.metadata.ownerReferences?.some(o => o.kind === 'CronJob' && o.name === name) && !names.has(job.metadata.name)) store.delete('jobs.batch', namespace, job.metadata.name);
  }
  for (const job of wanted) upsert(store, 'jobs.batch', job);
}

/** RKE2: each scheduled snapshot on each etcd node is an ETCDSnapshotFile (k3s.cattle.io/v1), five kept. */
function reconcileRke2Snapshots(store: ObjectStore, faults: ClusterFaults, now: Date): void {
  const resource = 'etcdsnapshotfiles.k3s.cattle.io';
  const latest = latestSlot(now, RKE2_SNAPSHOT.everyHours);
  const failing = faults.has('etcd-snapshot-failing');
  const wanted: KubeObject[] = [];
  for (const node of controlPlaneNodes(store)) {
    for (let i = 0; i < RKE2_SNAPSHOT.retention; i++) {
      const at = new Date(latest.getTime() - (i + (failing ? FAILING_FOR_RUNS : 0)) * RKE2_SNAPSHOT.everyHours * HOUR);
      const snapshotName = `etcd-snapshot-${node}-${Math.floor(at.getTime() / 1000)}`;
      wanted.push({
        apiVersion: 'k3s.cattle.io/v1',
        kind: 'ETCDSnapshotFile',
        metadata: { name: `local-${snapshotName}-${shortHash(snapshotName, 6)}`, creationTimestamp: timestamp(at) },
        spec: { snapshotName, nodeName: node, location: `file:///var/lib/rancher/rke2/server/db/snapshots/${snapshotName}`, metadata: {} },
        status: { readyToUse: true, creationTime: timestamp(at), size: '12984352' },
      });
    }
  }
  const names = new Set(wanted.map(s => s.metadata.name));
  for (const s of store.list(resource)) if (!names.has(s.metadata.name)) store.delete(resource, undefined, s.metadata.name);
  for (const s of wanted) upsert(store, resource, s);
}

/** Longhorn's backup target (an S3 bucket), a daily backup job for the default group and an hourly snapshot job. */
function reconcileLonghornBackups(store: ObjectStore, faults: ClusterFaults, clusterName: string, now: Date): void {
  if (!store.get('storageclasses.storage.k8s.io', undefined, 'longhorn')) return;
  const url = `s3://longhorn-backups@eu-central-1/${clusterName}/`;
  upsert(store, `backuptargets.${LH}`, {
    apiVersion: `${LH}/v1beta2`,
    kind: 'BackupTarget',
    metadata: { name: 'default', namespace: LH_NS },
    spec: { backupTargetURL: url, credentialSecret: 'longhorn-backup-s3', pollInterval: '5m0s' },
    status: { available: true, conditions: [], lastSyncedAt: timestamp(latestSlot(now, 1)) },
  });
  upsert(store, `settings.${LH}`, { apiVersion: `${LH}/v1beta2`, kind: 'Setting', metadata: { name: 'backup-target', namespace: LH_NS }, value: url });
  upsert(store, `recurringjobs.${LH}`, {
    apiVersion: `${LH}/v1beta2`,
    kind: 'RecurringJob',
    metadata: { name: 'backup-daily', namespace: LH_NS },
    spec: { name: 'backup-daily', task: 'backup', cron: `0 ${BACKUP_HOUR_UTC} * * *`, retain: 7, concurrency: 2, groups: ['default'], labels: {} },
  });
  upsert(store, `recurringjobs.${LH}`, {
    apiVersion: `${LH}/v1beta2`,
    kind: 'RecurringJob',
    metadata: { name: 'snapshot-hourly', namespace: LH_NS },
    spec: { name: 'snapshot-hourly', task: 'snapshot', cron: '0 * * * *', retain: 24, concurrency: 2, groups: ['default', SNAPSHOT_ONLY_GROUP], labels: {} },
  });
  for (const volume of store.list(`volumes.${LH}`, LH_NS)) {
    if (!faults.hits('longhorn-volume-no-backup', volume.metadata.name, undefined)) continue;
    modify(store, `volumes.${LH}`, LH_NS, volume.metadata.name, v => ({
      ...v,
      metadata: { ...v.metadata, labels: { ...v.metadata.labels, [`recurring-job-group.longhorn.io/${SNAPSHOT_ONLY_GROUP}`]: 'enabled' } },
    }));
  }
}

/**
 * The last backup fields of a Longhorn volume's status: the daily job's
 * latest run, or none for a volume the fault left out of every backup job.
 */
export function volumeBackupStatus(volumeName: string, faults: ClusterFaults, now: Date): { lastBackup: string; lastBackupAt: string } {
  if (faults.hits('longhorn-volume-no-backup', volumeName, undefined)) return { lastBackup: '', lastBackupAt: '' };
  const at = latestSlot(now, 24, BACKUP_HOUR_UTC);
  return { lastBackup: `backup-${shortHash(`${volumeName}/${at.toISOString()}`, 16)}`, lastBackupAt: timestamp(new Date(at.getTime() + 90_000)) };
}

/** etcd snapshots by the cluster's provisioner, and Longhorn's backups. */
export function reconcileBackups(store: ObjectStore, spec: ClusterSpec, faults: ClusterFaults, now: Date): void {
  if (controlPlaneNodes(store).length > 0) {
    if (spec.provisioner === 'rke2') reconcileRke2Snapshots(store, faults, now);
    else reconcileEtcdCronJob(store, faults, now);
  }
  reconcileLonghornBackups(store, faults, spec.name, now);
}
