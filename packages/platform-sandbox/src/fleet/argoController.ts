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
import { ClusterFaults } from './clusterFaults';
import { setStatus, shortHash } from './objectWrites';

type AppSpec = {
  source: { repoURL: string; path: string; targetRevision: string };
  destination: { namespace: string };
};

function deploymentHealth(store: ObjectStore, namespace: string, name: string): { status: string; message?: string } {
  const d = store.get('deployments.apps', namespace, name);
  if (!d) return { status: 'Missing' };
  const status = (d.status ?? {}) as { availableReplicas?: number; updatedReplicas?: number };
  const replicas = (d.spec as { replicas?: number }).replicas ?? 1;
  if ((status.availableReplicas ?? 0) >= replicas) return { status: 'Healthy' };
  return {
    status: 'Progressing',
    message: `Waiting for rollout to finish: ${status.availableReplicas ?? 0} of ${replicas} updated replicas are available...`,
  };
}

/** Argo CD's application controller: sync and health of each Application, steered by the gitops faults. */
export function reconcileApplications(store: ObjectStore, faults: ClusterFaults, now: Date): void {
  const at = timestamp(now);
  for (const app of store.list('applications.argoproj.io')) {
    const spec = app.spec as AppSpec;
    const name = app.metadata.name;
    // As the Argo CD API simulator: an untargeted fault applies to every application.
    const outOfSync = faults.appliesTo('argocd-app-out-of-sync', name);
    const degraded = faults.appliesTo('argocd-app-degraded', name);
    const failed = faults.appliesTo('argocd-sync-failed', name);
    const revision = shortHash(`${spec.source.path}@${spec.source.targetRevision}`, 40).toLowerCase();
    const isComponent = !!store.get('deployments.apps', spec.destination.namespace, name);
    const resources = isComponent
      ? [
          { group: 'apps', version: 'v1', kind: 'Deployment', namespace: spec.destination.namespace, name, status: outOfSync || failed ? 'OutOfSync' : 'Synced', health: { status: degraded ? 'Degraded' : deploymentHealth(store, spec.destination.namespace, name).status } },
          { version: 'v1', kind: 'Service', namespace: spec.destination.namespace, name, status: 'Synced', health: { status: 'Healthy' } },
        ]
      : [];
    let health = isComponent ? deploymentHealth(store, spec.destination.namespace, name) : { status: 'Healthy' as string, message: undefined as string | undefined };
    if (degraded) health = { status: 'Degraded', message: `Deployment "${name}" exceeded its progress deadline` };
    const image = isComponent ? (((store.get('deployments.apps', spec.destination.namespace, name)?.spec as { template?: { spec?: { containers?: Array<{ image: string }> } } })?.template?.spec?.containers ?? [])[0]?.image) : undefined;
    const previous = (app.status ?? {}) as { reconciledAt?: string; operationState?: { startedAt?: string; finishedAt?: string } };
    const operationAt = previous.operationState?.finishedAt ?? app.metadata.creationTimestamp ?? at;
    const status: Record<string, unknown> = {
      sync: {
        status: outOfSync || failed ? 'OutOfSync' : 'Synced',
        revision,
        comparedTo: { source: spec.source, destination: { server: 'https://kubernetes.default.svc', namespace: spec.destination.namespace } },
      },
      health: { status: health.status, ...(health.message ? { message: health.message } : {}), lastTransitionTime: at },
      resources,
      summary: image ? { images: [image] } : {},
      sourceType: 'Directory',
      reconciledAt: previous.reconciledAt ?? at,
      operationState: failed
        ? {
            operation: { sync: { revision, syncStrategy: { hook: {} } }, retry: { limit: 5 }, initiatedBy: { automated: true } },
            phase: 'Failed',
            message: `one or more objects failed to apply, reason: Deployment.apps "${name}" is invalid: spec.template.spec.containers[0].image: Required value (retried 5 times).`,
            retryCount: 5,
            startedAt: operationAt,
            finishedAt: operationAt,
            syncResult: { revision, source: spec.source, resources: [] },
          }
        : {
            operation: { sync: { revision, syncStrategy: { hook: {} } }, initiatedBy: { automated: true } },
            phase: 'Succeeded',
            message: 'successfully synced (all tasks run)',
            startedAt: operationAt,
            finishedAt: operationAt,
            syncResult: { revision, source: spec.source, resources: [] },
          },
      history: [{ id: 1, revision, deployedAt: operationAt, deployStartedAt: operationAt, source: spec.source }],
    };
    const stable = { ...status, health: { ...(status.health as object), lastTransitionTime: ((app.status as { health?: { status?: string; lastTransitionTime?: string } })?.health?.status === health.status ? (app.status as { health: { lastTransitionTime?: string } }).health.lastTransitionTime : at) ?? at } };
    setStatus(store, 'applications.argoproj.io', app as KubeObject, stable);
  }
}
