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

import { ClusterSpec } from '../../scenario/types';
import { ArgoCdVersion, argocdVersionOf } from '../../scenario/upstreamVersions';
import { stableHex, stableUuid } from '../shared/ids';
import { UpstreamContext } from '../types';
import {
  HISTORY_LIMIT,
  isAutomated,
  PLATFORM_APPS,
  PROGRESSING_MS,
  SYNC_DURATION_MS,
  SYNC_FAILED_MESSAGE,
} from './assumptions';
import { ArgoApp, HistoryEntry, SyncOperation } from './model';

export type HealthStatus = 'Healthy' | 'Progressing' | 'Degraded' | 'Suspended' | 'Missing' | 'Unknown';
export type SyncStatus = 'Synced' | 'OutOfSync' | 'Unknown';

export type OperationRefusal = 'in-progress' | 'auto-sync' | 'no-history';

const DAY_MS = 86400_000;

/**
 * The Argo CD instance of one cluster: the applications that deploy the
 * fleet's components there plus the platform add-ons, with sync and rollback
 * operations that move on simulated time.
 */
export class ArgoCdCluster {
  readonly apps = new Map<string, ArgoApp>();
  resourceVersion = 1000;
  /** When Argo CD was installed on the cluster: its projects and apps date from then. */
  readonly installedAt: string;
  /** The Argo CD release this cluster runs, as the scenario chose it. */
  readonly version: ArgoCdVersion;

  constructor(
    private readonly ctx: UpstreamContext,
    readonly cluster: ClusterSpec,
  ) {
    this.version = argocdVersionOf(cluster);
    const gitops = `https://gitlab.${ctx.fleet.domain}/platform/gitops-apps.git`;
    const start = ctx.clock.now().getTime();
    this.installedAt = new Date(start - 120 * DAY_MS).toISOString();
    for (const component of ctx.fleet.components) {
      const version = component.deployments[cluster.name];
      if (!version) continue;
      this.addApp({
        name: component.name,
        project: component.namespace,
        labels: {
          'app.kubernetes.io/name': component.name,
          'app.kubernetes.io/part-of': component.name,
          team: component.team,
          environment: cluster.environment,
        },
        destinationNamespace: component.namespace,
        repoURL: gitops,
        path: `clusters/${cluster.name}/${component.name}`,
        image: `registry.${ctx.fleet.domain}/${component.image}`,
        replicas: component.replicas,
        hostname: component.hostname,
        automated: isAutomated(cluster, false),
        versions: component.versions,
        version,
      }, start);
    }
    for (const addon of PLATFORM_APPS) {
      this.addApp({
        name: addon.name,
        project: 'platform',
        labels: { 'app.kubernetes.io/name': addon.name, team: 'platform-team', environment: cluster.environment },
        destinationNamespace: addon.namespace,
        repoURL: gitops,
        path: `platform/${addon.name}`,
        replicas: 1,
        automated: isAutomated(cluster, true),
        versions: [addon.version],
        version: addon.version,
      }, start);
    }
  }

  private addApp(
    spec: Omit<ArgoApp, 'uid' | 'createdAt' | 'history'>,
    now: number,
  ): void {
    const deployedIndex = Math.max(0, spec.versions.indexOf(spec.version));
    const history: HistoryEntry[] = spec.versions.slice(0, deployedIndex + 1).map((version, id) => {
      const at = now - (deployedIndex - id + 1) * 7 * DAY_MS;
      return {
        id,
        version,
        revision: this.revisionOf(spec.name, version),
        deployStartedAt: new Date(at).toISOString(),
        deployedAt: new Date(at + 40_000).toISOString(),
        initiatedBy: spec.automated ? { automated: true } : { username: 'admin' },
      };
    });
    this.apps.set(spec.name, {
      ...spec,
      uid: stableUuid(this.cluster.name, 'argocd', spec.name),
      createdAt: this.installedAt,
      history,
    });
  }

  private readonly listeners = new Set<() => void>();

  /** Calls the listener whenever an app may have changed; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Apps also change without a new resourceVersion as time passes (Progressing → Healthy). */
  notifyTick(): void {
    for (const listener of this.listeners) listener();
  }

  private bump(): void {
    this.resourceVersion += 1;
    this.notifyTick();
  }

  /** The git revision that deploys the given version of an app. */
  revisionOf(app: string, version: string): string {
    return stableHex(40, this.cluster.name, app, version);
  }

  /** The fault of this id that applies to the app: targeted at it, or untargeted. */
  private faultOn(app: ArgoApp, id: 'argocd-app-out-of-sync' | 'argocd-app-degraded' | 'argocd-sync-failed') {
    return this.ctx.control
      .faults(this.cluster.name)
      .find(f => f.id === id && (f.target === undefined || f.target === app.name));
  }

  /** Moves running operations forward to the given time. */
  reconcile(now: number): void {
    for (const app of this.apps.values()) {
      const op = app.operation;
      if (!op || op.phase !== 'Running' || now - op.startedAt < SYNC_DURATION_MS) continue;
      op.finishedAt = op.startedAt + SYNC_DURATION_MS;
      if (this.faultOn(app, 'argocd-sync-failed')) {
        op.phase = 'Failed';
        op.message = SYNC_FAILED_MESSAGE;
      } else {
        op.phase = 'Succeeded';
        op.message = 'successfully synced (all tasks run)';
        app.version = op.targetVersion;
        app.lastSyncedAt = op.finishedAt;
        app.repairedFault = this.faultOn(app, 'argocd-app-out-of-sync');
        const nextId = (app.history[app.history.length - 1]?.id ?? -1) + 1;
        app.history = [
          ...app.history,
          {
            id: nextId,
            version: op.targetVersion,
            revision: this.revisionOf(app.name, op.targetVersion),
            deployStartedAt: new Date(op.startedAt).toISOString(),
            deployedAt: new Date(op.finishedAt).toISOString(),
            initiatedBy: { username: op.username },
          },
        ].slice(-HISTORY_LIMIT);
      }
      this.bump();
    }
  }

  /** Faults change what every app reports, so watchers must see a new version. */
  onFaultsChanged(): void {
    this.bump();
  }

  /**
   * The operation to report: the last one run here, or, while a sync-failed
   * fault is active and nothing ran since, a failed automated sync.
   */
  currentOperation(app: ArgoApp, now: number): SyncOperation | undefined {
    if (app.operation || !this.faultOn(app, 'argocd-sync-failed')) return app.operation;
    const startedAt = now - 15 * 60_000;
    return {
      kind: 'sync',
      targetVersion: app.versions[app.versions.length - 1],
      startedAt,
      finishedAt: startedAt + 30_000,
      phase: 'Failed',
      message: SYNC_FAILED_MESSAGE,
      username: 'automated sync policy',
      prune: true,
    };
  }

  syncStatus(app: ArgoApp, now: number): SyncStatus {
    if (this.currentOperation(app, now)?.phase === 'Failed') return 'OutOfSync';
    const drift = this.faultOn(app, 'argocd-app-out-of-sync');
    if (drift && drift !== app.repairedFault) return 'OutOfSync';
    return 'Synced';
  }

  health(app: ArgoApp, now: number): { status: HealthStatus; message?: string } {
    if (this.faultOn(app, 'argocd-app-degraded')) {
      const ready = Math.max(0, app.replicas - 2);
      return {
        status: 'Degraded',
        message: `Deployment "${app.name}" exceeded its progress deadline; ${ready}/${app.replicas} replicas available`,
      };
    }
    if (app.operation?.phase === 'Running' || (app.lastSyncedAt && now - app.lastSyncedAt < PROGRESSING_MS)) {
      return { status: 'Progressing', message: `Waiting for rollout to finish: ${app.replicas} updated replicas are available` };
    }
    return { status: 'Healthy' };
  }

  /** Starts a sync; returns why it cannot start instead, if it cannot. */
  startSync(app: ArgoApp, options: { revision?: string; dryRun: boolean; prune: boolean; username: string }): OperationRefusal | undefined {
    if (app.operation?.phase === 'Running') return 'in-progress';
    if (options.dryRun) return undefined;
    const target =
      app.versions.find(v => v === options.revision || this.revisionOf(app.name, v) === options.revision) ??
      app.version;
    this.begin(app, { kind: 'sync', targetVersion: target, prune: options.prune, username: options.username });
    return undefined;
  }

  startRollback(app: ArgoApp, id: number, options: { dryRun: boolean; prune: boolean; username: string }): OperationRefusal | undefined {
    if (app.automated) return 'auto-sync';
    if (app.operation?.phase === 'Running') return 'in-progress';
    const entry = app.history.find(h => h.id === id);
    if (!entry) return 'no-history';
    if (!options.dryRun) {
      this.begin(app, { kind: 'rollback', targetVersion: entry.version, prune: options.prune, username: options.username, rollbackId: id });
    }
    return undefined;
  }

  terminate(app: ArgoApp): boolean {
    if (app.operation?.phase !== 'Running') return false;
    app.operation.phase = 'Failed';
    app.operation.message = 'Operation terminated';
    app.operation.finishedAt = this.ctx.clock.now().getTime();
    this.bump();
    return true;
  }

  private begin(app: ArgoApp, op: Omit<SyncOperation, 'startedAt' | 'phase' | 'message'>): void {
    app.operation = { ...op, startedAt: this.ctx.clock.now().getTime(), phase: 'Running', message: 'waiting for completion of hook and 1 more resources' };
    this.bump();
  }
}
