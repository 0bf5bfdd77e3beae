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

import { LoggerService } from '@backstage/backend-plugin-api';
import { KubernetesObject } from '@kubernetes/client-node';
import { stringify } from 'yaml';
import {
  ClusterObjects,
  describeObject,
  Manifest,
} from '@platform-portal/plugin-platform-node';

/**
 * Whether the apply left the object as it was. Not by resourceVersion alone:
 * controllers write status all the time, and a status write between the read
 * and the apply would make an apply that changed nothing look like an update.
 */
function sameDeclaredState(
  before: KubernetesObject,
  after: KubernetesObject,
): boolean {
  if (before.metadata?.resourceVersion === after.metadata?.resourceVersion)
    return true;
  const declared = (object: KubernetesObject) => {
    const { status: _status, ...rest } = object as KubernetesObject & {
      status?: unknown;
    };
    const {
      resourceVersion: _resourceVersion,
      managedFields: _managedFields,
      ...metadata
    } = object.metadata ?? {};
    return JSON.stringify(sortKeys({ ...rest, metadata }));
  };
  return declared(before) === declared(after);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map(key => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** What happened to one object. */
export interface AppliedObject {
  kind: string;
  name: string;
  namespace?: string;
  /** created, updated, unchanged, or would-apply in a dry run. */
  result: 'created' | 'updated' | 'unchanged' | 'would-apply';
}

/**
 * Applies the manifests in order. In a dry run the API server validates each
 * object (dryRun=All) unless its namespace does not exist yet, and the
 * manifests are printed; nothing is stored. A second run with the same input
 * reports every object unchanged.
 */
export async function applyManifests(
  objects: ClusterObjects,
  manifests: Manifest[],
  options: {
    dryRun: boolean;
    logger: LoggerService;
    namespaceExists?: boolean;
  },
): Promise<AppliedObject[]> {
  const results: AppliedObject[] = [];
  for (const manifest of manifests) {
    const { name, namespace } = manifest.metadata;
    const base = {
      kind: manifest.kind,
      name,
      ...(namespace ? { namespace } : {}),
    };
    if (options.dryRun) {
      const serverCanCheck =
        !namespace ||
        (options.namespaceExists !== false &&
          !objects.pendingNamespaces.has(namespace));
      if (serverCanCheck) await objects.apply(manifest, { dryRun: true });
      options.logger.info(
        `Would apply ${describeObject(manifest)} on cluster ${objects.cluster}${
          serverCanCheck
            ? ' (accepted by the API server dry run)'
            : ' (its namespace does not exist yet)'
        }:\n${stringify(manifest)}`,
      );
      results.push({ ...base, result: 'would-apply' });
      continue;
    }
    const before = await objects.read(
      manifest.apiVersion,
      manifest.kind,
      name,
      namespace,
    );
    const after = await objects.apply(manifest, { dryRun: false });
    let result: AppliedObject['result'] = 'created';
    if (before) {
      result = sameDeclaredState(before, after) ? 'unchanged' : 'updated';
    }
    options.logger.info(
      `${describeObject(manifest)} on cluster ${objects.cluster}: ${result}`,
    );
    results.push({ ...base, result });
  }
  return results;
}
