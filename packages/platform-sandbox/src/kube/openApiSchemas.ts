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

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ObjectStore } from './store';

/*
 * The schemas of an OpenAPI v3 group-version document, which `kubectl explain`
 * reads: built-in kinds from upstream's published documents, custom kinds
 * from the CustomResourceDefinitions stored in the cluster, as the API server
 * publishes each CRD's openAPIV3Schema.
 */

type Document = Record<string, any>;

const published = new Map<string, Document | undefined>();

/** Upstream's document for a group-version (`apis__apps__v1_openapi.json`), read once. */
function publishedDocument(specDir: string, group: string, version: string): Document | undefined {
  const file = join(specDir, `${group ? `apis__${group}__${version}` : `api__${version}`}_openapi.json`);
  if (!published.has(file)) {
    published.set(file, existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Document) : undefined);
  }
  return published.get(file);
}

/** `gateway.networking.k8s.io` → `io.k8s.networking.gateway`, as the API server names CRD schemas. */
function reversedGroup(group: string): string {
  return group.split('.').reverse().join('.');
}

export function withSchemas(
  document: Document | undefined,
  group: string,
  version: string,
  store: ObjectStore,
  specDir: string | undefined,
): Document | undefined {
  if (!document) return undefined;
  const upstream = specDir ? publishedDocument(specDir, group, version) : undefined;
  const schemas: Record<string, unknown> = {
    ...(upstream?.components?.schemas ?? {}),
  };
  for (const crd of store.list('customresourcedefinitions.apiextensions.k8s.io')) {
    const spec = crd.spec as Document | undefined;
    if (spec?.group !== group) continue;
    const served = (spec.versions ?? []).find((v: Document) => v.name === version && v.served !== false);
    const schema = served?.schema?.openAPIV3Schema;
    if (!schema) continue;
    schemas[`${reversedGroup(group)}.${version}.${spec.names.kind}`] = {
      ...schema,
      'x-kubernetes-group-version-kind': [{ group, kind: spec.names.kind, version }],
    };
  }
  return {
    ...document,
    ...(upstream ? { paths: { ...document.paths, ...upstream.paths } } : {}),
    components: { ...(upstream?.components ?? {}), schemas },
  };
}
