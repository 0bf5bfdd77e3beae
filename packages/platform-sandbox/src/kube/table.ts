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
import { columnsFor } from './printerColumns';

/** Whether kubectl asked for server-side printing (`as=Table` in Accept). */
export function wantsTable(accept: string): boolean {
  return /as=Table/.test(accept);
}

/** A meta.k8s.io/v1 Table with the kind's printer columns (Name and Age for the others). */
export function toTable(body: unknown, now: Date, kind: string): unknown {
  if (!isPlainObject(body)) return body;
  const items: KubeObject[] = Array.isArray(body.items) ? (body.items as KubeObject[]) : [body as KubeObject];
  const listMeta = isPlainObject(body.metadata) && Array.isArray(body.items) ? body.metadata : { resourceVersion: (body as KubeObject).metadata?.resourceVersion };
  const columns = columnsFor(kind);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    columnDefinitions: columns.map(c => ({
      name: c.name,
      type: c.type,
      format: c.name === 'Name' ? 'name' : '',
      description: c.name,
      priority: c.priority ?? 0,
    })),
    rows: items.map(item => ({
      cells: columns.map(c => c.value(item, now)),
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
