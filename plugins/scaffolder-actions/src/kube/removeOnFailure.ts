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
import {
  LABELS,
  namespaceOwner,
} from '@platform-portal/plugin-platform-common';
import {
  ClusterObjects,
  invalid,
  requireDnsLabel,
  TeamTarget,
} from '@platform-portal/plugin-platform-node';

/** An object a step of the task created, to be removed if the task fails. */
export interface WrittenObject {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
}

/** The kinds team actions create, with the resource name kubectl takes. */
const REMOVABLE: Record<string, { apiVersion: string; resource: string }> = {
  HTTPRoute: {
    apiVersion: 'gateway.networking.k8s.io/v1',
    resource: 'httproute.gateway.networking.k8s.io',
  },
  Certificate: {
    apiVersion: 'cert-manager.io/v1',
    resource: 'certificate.cert-manager.io',
  },
  PersistentVolumeClaim: {
    apiVersion: 'v1',
    resource: 'persistentvolumeclaim',
  },
};

const describe = (o: WrittenObject) => `${o.kind} ${o.namespace}/${o.name}`;

/**
 * Validates the objects earlier steps say they created: kinds the team
 * actions create, in the step's own namespace. Anything else is refused, so
 * the input cannot point the clean-up at someone else's objects.
 */
export function parseWrittenObjects(
  field: string,
  value: unknown,
  target: TeamTarget,
): WrittenObject[] {
  if (value === undefined || value === '') return [];
  if (!Array.isArray(value) || value.length > 16)
    invalid(field, 'must list at most 16 objects');
  return value.map((item, i) => {
    const o = (item ?? {}) as Record<string, unknown>;
    const kind = String(o.kind);
    const known = REMOVABLE[kind];
    if (!known || o.apiVersion !== known.apiVersion)
      invalid(
        `${field}[${i}]`,
        `must be one of ${Object.entries(REMOVABLE)
          .map(([k, v]) => `${v.apiVersion} ${k}`)
          .join(', ')}`,
      );
    if (o.namespace !== target.namespace)
      invalid(`${field}[${i}].namespace`, `must be ${target.namespace}`);
    return {
      apiVersion: known.apiVersion,
      kind,
      namespace: target.namespace,
      name: requireDnsLabel(`${field}[${i}].name`, o.name),
    };
  });
}

/** The object as a WrittenObject when this run created it ("Kind name: created"). */
export function createdBy(
  results: string[],
  object: WrittenObject,
): WrittenObject[] {
  return results.includes(`${object.kind} ${object.name}: created`)
    ? [object]
    : [];
}

/**
 * Removes what the task wrote, newest first, each only while it is still
 * managed for the team, and returns the sentence that says what became of
 * it: removed, or left on the cluster with the kubectl command that removes
 * it.
 */
export async function removeWritten(
  objects: ClusterObjects,
  written: WrittenObject[],
  target: TeamTarget,
  logger: LoggerService,
): Promise<string> {
  const removed: string[] = [];
  const left: string[] = [];
  for (const object of [...written].reverse()) {
    try {
      const current = await objects.read(
        object.apiVersion,
        object.kind,
        object.name,
        object.namespace,
      );
      const labels = current?.metadata?.labels;
      if (
        current &&
        (namespaceOwner(labels) !== target.team ||
          labels?.[LABELS.managedBy] !== 'platform-portal')
      ) {
        left.push(`${describe(object)} (no longer managed for ${target.team})`);
        continue;
      }
      if (current)
        await objects.delete(
          object.apiVersion,
          object.kind,
          object.name,
          object.namespace,
        );
      removed.push(describe(object));
      logger.info(`Removed ${describe(object)}, which this task had written`);
    } catch (error) {
      const command = `kubectl --context ${target.cluster} --namespace ${
        object.namespace
      } delete ${REMOVABLE[object.kind].resource} ${object.name}`;
      logger.warn(
        `${describe(object)} is left on cluster ${target.cluster}: ${
          error instanceof Error ? error.message : String(error)
        }. Remove it with: ${command}`,
      );
      left.push(`${describe(object)} (remove it with: ${command})`);
    }
  }
  const sentences: string[] = [];
  if (removed.length > 0)
    sentences.push(
      `What this task had written is removed: ${removed.join(', ')}.`,
    );
  if (left.length > 0)
    sentences.push(`Left on cluster ${target.cluster}: ${left.join('; ')}.`);
  return sentences.join(' ');
}

/**
 * Ends a step that failed after the task wrote something: removes it, then
 * throws the failure with what became of it. The error carries no stack
 * frames, so the task log shows the sentence and no source paths.
 */
export async function failAfterPartialWrite(
  error: unknown,
  cleanup: {
    objects: ClusterObjects;
    written: WrittenObject[];
    target: TeamTarget;
    logger: LoggerService;
  },
): Promise<never> {
  const failure = error instanceof Error ? error : new Error(String(error));
  if (cleanup.written.length > 0) {
    const outcome = await removeWritten(
      cleanup.objects,
      cleanup.written,
      cleanup.target,
      cleanup.logger,
    );
    failure.message = `${failure.message.replace(/\.?$/, '.')} ${outcome}`;
  }
  failure.stack = `${failure.name}: ${failure.message}`;
  throw failure;
}
