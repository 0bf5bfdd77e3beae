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

import { isPlainObject, KubeObject } from './objects';

/** Whether kubectl asked for server-side printing (`as=Table` in Accept). */
export function wantsTable(accept: string): boolean {
  return /as=Table/.test(accept);
}

function age(created: string | undefined, now: Date): string {
  if (!created) return '<unknown>';
  const seconds = Math.max(0, Math.floor((now.getTime() - Date.parse(created)) / 1000));
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 172800) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86400)}d`;
}

/** A meta.k8s.io/v1 Table with Name and Age, as for a CRD without printer columns. */
export function toTable(body: unknown, now: Date): unknown {
  if (!isPlainObject(body)) return body;
  const items: KubeObject[] = Array.isArray(body.items) ? (body.items as KubeObject[]) : [body as KubeObject];
  const listMeta = isPlainObject(body.metadata) && Array.isArray(body.items) ? body.metadata : { resourceVersion: (body as KubeObject).metadata?.resourceVersion };
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    columnDefinitions: [
      { name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace.', priority: 0 },
      { name: 'Age', type: 'date', format: '', description: 'CreationTimestamp is a timestamp representing the server time when this object was created.', priority: 0 },
    ],
    rows: items.map(item => ({
      cells: [item.metadata.name, age(item.metadata.creationTimestamp, now)],
      object: {
        kind: 'PartialObjectMetadata',
        apiVersion: 'meta.k8s.io/v1',
        metadata: {
          name: item.metadata.name,
          namespace: item.metadata.namespace,
          uid: item.metadata.uid,
          resourceVersion: item.metadata.resourceVersion,
          creationTimestamp: item.metadata.creationTimestamp,
          labels: item.metadata.labels,
        },
      },
    })),
  };
}
