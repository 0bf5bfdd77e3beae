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

import { stableUuid } from '../shared/ids';
import { ArgoCdCluster } from './ArgoCdCluster';
import { ArgoApp } from './model';

const IN_CLUSTER = 'https://kubernetes.default.svc';

/** What an ApplicationSet needs to know of one application it generates. */
export interface GeneratedApp {
  name: string;
  namespace: string;
  repoURL: string;
  automated: boolean;
}

/**
 * The spec of the ApplicationSet that generates one project's applications
 * on a cluster: a list generator for the platform add-ons, a git directory
 * generator over the cluster's paths for the app teams.
 */
export function applicationSetSpec(cluster: string, project: string, apps: GeneratedApp[]) {
  const sorted = [...apps].sort((a, b) => a.name.localeCompare(b.name));
  const repoURL = sorted[0].repoURL;
  const platform = project === 'platform';
  const generators = platform
    ? [{ list: { elements: sorted.map(a => ({ name: a.name, namespace: a.namespace })) } }]
    : [{ git: { repoURL, revision: 'main', directories: [{ path: `clusters/${cluster}/*` }] } }];
  const automated = sorted.every(a => a.automated);
  return {
    goTemplate: true,
    goTemplateOptions: ['missingkey=error'],
    generators,
    template: {
      metadata: { name: platform ? '{{.name}}' : '{{.path.basename}}' },
      spec: {
        project,
        source: { repoURL, targetRevision: 'main', path: platform ? 'platform/{{.name}}' : '{{.path.path}}' },
        destination: { server: IN_CLUSTER, namespace: platform ? '{{.namespace}}' : project },
        syncPolicy: automated ? { automated: { prune: true, selfHeal: true } } : {},
      },
    },
  };
}

/** The condition of an ApplicationSet that generated all its applications. */
export function upToDateCondition(since: string) {
  return {
    type: 'ResourcesUpToDate',
    status: 'True',
    reason: 'ApplicationSetUpToDate',
    message: 'All applications have been generated successfully',
    lastTransitionTime: since,
  };
}

/**
 * The ApplicationSets that generate an instance's applications, one per
 * project. Their status lists the applications they own with each one's sync
 * and health.
 */
export function renderApplicationSets(instance: ArgoCdCluster, now: number) {
  const byProject = new Map<string, ArgoApp[]>();
  for (const app of instance.apps.values()) {
    byProject.set(app.project, [...(byProject.get(app.project) ?? []), app]);
  }
  const cluster = instance.cluster.name;
  return [...byProject.entries()]
    .map(([project, apps]) => {
      const sorted = [...apps].sort((a, b) => a.name.localeCompare(b.name));
      return {
        metadata: {
          name: `${project}-apps`,
          namespace: 'argocd',
          uid: stableUuid(cluster, 'applicationset', project),
          resourceVersion: String(instance.resourceVersion),
          generation: 1,
          creationTimestamp: instance.installedAt,
          labels: { 'app.kubernetes.io/part-of': project },
        },
        spec: applicationSetSpec(cluster, project, sorted.map(a => ({ name: a.name, namespace: a.destinationNamespace, repoURL: a.repoURL, automated: a.automated }))),
        status: {
          conditions: [upToDateCondition(instance.installedAt)],
          resources: sorted.map(app => ({
            group: 'argoproj.io',
            version: 'v1alpha1',
            kind: 'Application',
            name: app.name,
            namespace: 'argocd',
            status: instance.syncStatus(app, now),
            health: { status: instance.health(app, now).status },
          })),
        },
      };
    })
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
}
