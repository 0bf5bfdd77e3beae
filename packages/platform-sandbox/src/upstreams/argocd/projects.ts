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

const IN_CLUSTER = 'https://kubernetes.default.svc';

/**
 * The AppProjects of one instance: `default` (anything goes, as Argo CD
 * creates it) and one project per project its applications name, limited to
 * the gitops repository and the namespaces those applications deploy to.
 */
export function renderProjects(instance: ArgoCdCluster) {
  const byProject = new Map<string, { namespaces: Set<string>; repos: Set<string> }>();
  for (const app of instance.apps.values()) {
    const entry = byProject.get(app.project) ?? { namespaces: new Set<string>(), repos: new Set<string>() };
    entry.namespaces.add(app.destinationNamespace);
    entry.repos.add(app.repoURL);
    byProject.set(app.project, entry);
  }
  const createdAt = instance.installedAt;
  const meta = (name: string) => ({
    name,
    namespace: 'argocd',
    uid: stableUuid(instance.cluster.name, 'appproject', name),
    resourceVersion: String(instance.resourceVersion),
    generation: 1,
    creationTimestamp: createdAt,
  });
  const projects = [
    {
      metadata: meta('default'),
      spec: {
        sourceRepos: ['*'],
        destinations: [{ server: '*', namespace: '*' }],
        clusterResourceWhitelist: [{ group: '*', kind: '*' }],
      },
      status: {},
    },
    ...[...byProject.entries()].map(([name, { namespaces, repos }]) => ({
      metadata: meta(name),
      spec: {
        description: name === 'platform' ? 'Platform add-ons run by the platform team' : `Applications of the ${name} namespace`,
        sourceRepos: [...repos].sort(),
        destinations: [...namespaces].sort().map(namespace => ({ server: IN_CLUSTER, namespace })),
        clusterResourceWhitelist: name === 'platform' ? [{ group: '*', kind: '*' }] : [{ group: '', kind: 'Namespace' }],
        orphanedResources: { warn: true },
      },
      status: {},
    })),
  ];
  return projects.sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
}
