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

import { KubeObject } from '../kube/objects';
import { ObjectStore } from '../kube/store';
import { applicationSetSpec, upToDateCondition } from '../upstreams/argocd/applicationSets';
import { ARGOCD_NAMESPACE } from './clusterContext';
import { upsert } from './objectWrites';

const APPLICATIONS = 'applications.argoproj.io';
const APPLICATION_SETS = 'applicationsets.argoproj.io';

type AppShape = {
  spec: { project: string; source: { repoURL: string }; destination: { namespace: string }; syncPolicy?: { automated?: unknown } };
  status?: { sync?: { status?: string }; health?: { status?: string } };
};

/**
 * Argo CD's ApplicationSet controller: one ApplicationSet per project
 * generates that project's Applications (as the Argo CD API simulator
 * renders them); its status lists each one's sync and health.
 */
export function reconcileApplicationSets(store: ObjectStore, cluster: string): void {
  const byProject = new Map<string, KubeObject[]>();
  for (const app of store.list(APPLICATIONS)) {
    const project = (app as unknown as AppShape).spec.project;
    byProject.set(project, [...(byProject.get(project) ?? []), app]);
  }
  for (const [project, apps] of byProject) {
    const sorted = [...apps].sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
    const createdAt = sorted.map(a => a.metadata.creationTimestamp ?? '').sort()[0];
    upsert(store, APPLICATION_SETS, {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'ApplicationSet',
      metadata: { name: `${project}-apps`, namespace: ARGOCD_NAMESPACE, creationTimestamp: createdAt, labels: { 'app.kubernetes.io/part-of': project } },
      spec: applicationSetSpec(
        cluster,
        project,
        sorted.map(app => {
          const { spec } = app as unknown as AppShape;
          return { name: app.metadata.name, namespace: spec.destination.namespace, repoURL: spec.source.repoURL, automated: !!spec.syncPolicy?.automated };
        }),
      ),
      status: {
        conditions: [upToDateCondition(createdAt)],
        resources: sorted.map(app => {
          const { status } = app as unknown as AppShape;
          return {
            group: 'argoproj.io',
            version: 'v1alpha1',
            kind: 'Application',
            name: app.metadata.name,
            namespace: ARGOCD_NAMESPACE,
            status: status?.sync?.status ?? 'Unknown',
            health: { status: status?.health?.status ?? 'Unknown' },
          };
        }),
      },
    });
  }
}
