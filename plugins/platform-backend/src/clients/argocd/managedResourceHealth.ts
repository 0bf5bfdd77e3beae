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

import type { ArgoCdClient } from './ArgoCdClient';
import { ArgoApplication, ArgoResourceStatus } from './argoTypes';

const key = (r: {
  group?: string;
  kind: string;
  namespace?: string;
  name: string;
}) => `${r.group ?? ''}/${r.kind}/${r.namespace ?? ''}/${r.name}`;

/**
 * The application's managed resources with their health, whichever release
 * answers: Argo CD 2.x keeps each resource's health in the Application,
 * 3.x (`resourceHealthSource: appTree`) only in the resource tree, so the
 * health is taken from there the way Argo CD's own `Get` fills it in.
 */
export async function managedResourceHealth(
  client: Pick<ArgoCdClient, 'resourceTree'>,
  app: ArgoApplication,
  signal?: AbortSignal,
): Promise<ArgoResourceStatus[]> {
  const resources = app.status?.resources ?? [];
  if (
    app.status?.resourceHealthSource !== 'appTree' ||
    resources.length === 0
  ) {
    return resources;
  }
  const tree = await client.resourceTree(
    app.metadata.name,
    app.spec.project || 'default',
    signal,
  );
  const health = new Map((tree.nodes ?? []).map(n => [key(n), n.health]));
  return resources.map(r => ({ ...r, health: health.get(key(r)) }));
}
