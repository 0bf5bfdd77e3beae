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

import { stableHex, stableUuid } from '../shared/ids';
import { ArgoCdCluster } from './ArgoCdCluster';
import { healthInTree } from './assumptions';
import { ArgoApp } from './model';

const IN_CLUSTER = 'https://kubernetes.default.svc';

/** metav1.Time marshals as RFC 3339 in whole seconds. */
function iso(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : metaTime(new Date(ms).toISOString());
}

function metaTime(rfc3339: string): string {
  return rfc3339.replace(/\.\d+Z$/, 'Z');
}

/** The app's managed resources, each with the app's health where it matters. */
function managedResources(app: ArgoApp) {
  // ResourceStatus.group is omitempty: the core group is left out.
  const resources: Array<{ group?: string; version: string; kind: string; namespace: string; name: string }> = [
    { version: 'v1', kind: 'Service', namespace: app.destinationNamespace, name: app.name },
    { group: 'apps', version: 'v1', kind: 'Deployment', namespace: app.destinationNamespace, name: app.name },
  ];
  if (app.hostname) {
    resources.push({
      group: 'gateway.networking.k8s.io',
      version: 'v1',
      kind: 'HTTPRoute',
      namespace: app.destinationNamespace,
      name: app.name,
    });
  }
  return resources;
}

/** Argo CD reports health only for kinds it has a health check for. */
function resourceHealth(kind: string, appHealth: { status: string; message?: string }) {
  if (kind === 'Deployment') return { health: appHealth };
  if (kind === 'Service') return { health: { status: 'Healthy' } };
  return {};
}

/**
 * How the answer was produced: `get` fills each resource's health in from
 * the tree where the release keeps it there; lists, the stream and the
 * answers to sync and rollback send the Application as it is stored.
 */
export type ApplicationView = 'get' | 'stored';

/** Application JSON as the Argo CD API returns it (no kind/apiVersion on REST reads). */
export function renderApplication(cluster: ArgoCdCluster, app: ArgoApp, now: number, view: ApplicationView = 'stored') {
  const sync = cluster.syncStatus(app, now);
  const appHealth = cluster.health(app, now);
  const inTree = healthInTree(cluster.version);
  // The controller stamps lastTransitionTime when the health status changes (controller/appcontroller.go).
  const health = { ...appHealth, lastTransitionTime: iso(app.lastSyncedAt ?? Date.parse(app.createdAt)) };
  const op = cluster.currentOperation(app, now);
  const source = { repoURL: app.repoURL, path: app.path, targetRevision: 'main' };
  const destination = { server: IN_CLUSTER, namespace: app.destinationNamespace };
  const revision = cluster.revisionOf(app.name, app.version);
  const images = app.image ? [`${app.image}:${app.version}`] : [];
  return {
    metadata: {
      name: app.name,
      namespace: 'argocd',
      uid: app.uid,
      resourceVersion: String(cluster.resourceVersion),
      generation: 3 + app.history.length,
      creationTimestamp: metaTime(app.createdAt),
      labels: app.labels,
    },
    spec: {
      project: app.project,
      source,
      destination,
      syncPolicy: app.automated
        ? { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true', 'ServerSideApply=true'] }
        : { syncOptions: ['CreateNamespace=true', 'ServerSideApply=true'] },
    },
    status: {
      resources: managedResources(app).map(r => ({
        ...r,
        status: sync,
        ...(inTree && view === 'stored' ? {} : resourceHealth(r.kind, appHealth)),
      })),
      sync: {
        status: sync,
        comparedTo: { source, destination },
        revision: sync === 'OutOfSync' ? stableHex(40, app.name, 'drift') : revision,
      },
      health,
      history: app.history.map(h => ({
        id: h.id,
        revision: h.revision,
        deployedAt: metaTime(h.deployedAt),
        deployStartedAt: metaTime(h.deployStartedAt),
        source,
        initiatedBy: h.initiatedBy,
      })),
      reconciledAt: iso(now - 30_000),
      operationState: op && {
        operation: {
          sync: { revision: cluster.revisionOf(app.name, op.targetVersion), prune: op.prune, syncStrategy: { hook: {} } },
          initiatedBy: op.username === 'automated sync policy' ? { automated: true } : { username: op.username },
          retry: {},
        },
        phase: op.phase,
        message: op.message,
        startedAt: iso(op.startedAt),
        finishedAt: iso(op.finishedAt),
        syncResult:
          op.phase === 'Running'
            ? undefined
            : {
                revision: cluster.revisionOf(app.name, op.targetVersion),
                source,
                // ResourceResult.group has no omitempty: the core group is "".
                resources: managedResources(app).map(r => ({
                  group: '',
                  ...r,
                  status: op.phase !== 'Succeeded' && r.kind === 'HTTPRoute' ? 'SyncFailed' : 'Synced',
                  message: op.phase === 'Succeeded' ? `${r.kind.toLowerCase()}/${r.name} configured` : op.message,
                  hookPhase: op.phase,
                  syncPhase: 'Sync',
                })),
              },
      },
      sourceType: 'Directory',
      // ApplicationSummary.images and ResourceNode.images are omitempty.
      summary: {
        ...(images.length > 0 ? { images } : {}),
        ...(app.hostname ? { externalURLs: [`https://${app.hostname}`] } : {}),
      },
      ...(inTree ? { resourceHealthSource: 'appTree' } : {}),
      controllerNamespace: 'argocd',
      // A struct, not a pointer: encoding/json writes it even when empty.
      sourceHydrator: {},
    },
  };
}

/** `/resource-tree`: Deployment → ReplicaSet → Pods, the Service, and the HTTPRoute if exposed. */
export function renderResourceTree(cluster: ArgoCdCluster, app: ArgoApp, now: number) {
  const ns = app.destinationNamespace;
  const health = cluster.health(app, now);
  const uid = (...parts: string[]) => stableUuid(cluster.cluster.name, app.name, ...parts);
  const hash = stableHex(10, app.name, app.version).replace(/[^a-z0-9]/g, 'x');
  const created = metaTime(app.history[app.history.length - 1]?.deployedAt ?? app.createdAt);
  const images = app.image ? [`${app.image}:${app.version}`] : [];
  const deployment = {
    group: 'apps', version: 'v1', kind: 'Deployment', namespace: ns, name: app.name, uid: uid('deploy'),
    health, info: [{ name: 'Revision', value: `Rev:${app.history.length}` }], ...(images.length > 0 ? { images } : {}), createdAt: created, resourceVersion: '4211',
  };
  const replicaSet = {
    group: 'apps', version: 'v1', kind: 'ReplicaSet', namespace: ns, name: `${app.name}-${hash}`, uid: uid('rs'),
    parentRefs: [{ group: 'apps', kind: 'Deployment', namespace: ns, name: app.name, uid: deployment.uid }],
    health, info: [{ name: 'Revision', value: `Rev:${app.history.length}` }], ...(images.length > 0 ? { images } : {}), createdAt: created, resourceVersion: '4212',
  };
  const ready = health.status === 'Degraded' ? Math.max(0, app.replicas - 2) : app.replicas;
  const pods = Array.from({ length: app.replicas }, (_, i) => {
    const running = i < ready;
    return {
      version: 'v1', kind: 'Pod', namespace: ns, name: `${app.name}-${hash}-${stableHex(5, app.name, i)}`, uid: uid('pod', String(i)),
      parentRefs: [{ group: 'apps', kind: 'ReplicaSet', namespace: ns, name: replicaSet.name, uid: replicaSet.uid }],
      health: running ? { status: 'Healthy' } : { status: 'Degraded', message: 'back-off 5m0s restarting failed container' },
      info: [
        { name: 'Status Reason', value: running ? 'Running' : 'CrashLoopBackOff' },
        { name: 'Node', value: `${cluster.cluster.name}-md-0-${i % Math.max(1, cluster.cluster.workerReplicas)}` },
        { name: 'Containers', value: running ? '1/1' : '0/1' },
      ],
      ...(images.length > 0 ? { images } : {}), createdAt: created, resourceVersion: String(4300 + i),
    };
  });
  const service = {
    version: 'v1', kind: 'Service', namespace: ns, name: app.name, uid: uid('svc'),
    health: { status: 'Healthy' }, networkingInfo: { targetLabels: { app: app.name } }, createdAt: metaTime(app.createdAt), resourceVersion: '311',
  };
  const nodes: unknown[] = [deployment, replicaSet, ...pods, service];
  if (app.hostname) {
    nodes.push({
      group: 'gateway.networking.k8s.io', version: 'v1', kind: 'HTTPRoute', namespace: ns, name: app.name, uid: uid('route'),
      networkingInfo: { externalURLs: [`https://${app.hostname}`] }, createdAt: metaTime(app.createdAt), resourceVersion: '512',
    });
  }
  // ApplicationTree.hosts is omitempty: a tree without host info has no `hosts` key.
  return { nodes };
}
