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

import { deepEqual, isPlainObject, JsonObject, KubeObject } from './objects';
import { ResourceType } from './resources';
import { labelSelectorFromSpec } from './selectors';
import { StatusCause } from './status';
import { invalidValue, requiredValue, validateName } from './validation';

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

function forbiddenCause(field: string, detail: string): StatusCause {
  return { reason: 'FieldValueForbidden', message: `Forbidden: ${detail}`, field };
}

function validateLabels(labels: Record<string, string> | undefined): StatusCause[] {
  const causes: StatusCause[] = [];
  for (const [key, value] of Object.entries(labels ?? {})) {
    const name = key.includes('/') ? key.slice(key.indexOf('/') + 1) : key;
    if (!QUALIFIED_NAME.test(name) || name.length > 63) {
      causes.push(invalidValue('metadata.labels', key, "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"));
    }
    if (typeof value !== 'string' || value.length > 63 || !LABEL_VALUE.test(value)) {
      causes.push(invalidValue('metadata.labels', value, "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"));
    }
  }
  return causes;
}

function specOf(object: KubeObject): JsonObject {
  return isPlainObject(object.spec) ? object.spec : {};
}

/** Kind-specific rules of the API server and the admission webhooks the platform runs. */
function validateKind(object: KubeObject, previous: KubeObject | undefined): StatusCause[] {
  const spec = specOf(object);
  switch (object.kind) {
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet': {
      if (!isPlainObject(spec.selector)) return [requiredValue('spec.selector', '')];
      const template = (spec.template ?? {}) as { metadata?: { labels?: Record<string, string> } };
      const labels = template.metadata?.labels ?? {};
      const selects = labelSelectorFromSpec(spec.selector as never);
      if (!selects({ apiVersion: '', kind: '', metadata: { name: '', labels } })) {
        return [invalidValue('spec.template.metadata.labels', labels, '`selector` does not match template `labels`')];
      }
      if (typeof spec.replicas === 'number' && spec.replicas < 0) {
        return [invalidValue('spec.replicas', spec.replicas, 'must be greater than or equal to 0')];
      }
      return [];
    }
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      if (!isPlainObject(object.roleRef)) return [requiredValue('roleRef', '')];
      if (previous && !deepEqual(previous.roleRef, object.roleRef)) {
        return [invalidValue('roleRef', object.roleRef, 'cannot change roleRef')];
      }
      return [];
    case 'KubeadmControlPlane': {
      const replicas = spec.replicas;
      if (typeof replicas !== 'number') return [];
      if (replicas <= 0) return [forbiddenCause('spec.replicas', 'cannot be less than or equal to 0')];
      if (replicas % 2 === 0) return [forbiddenCause('spec.replicas', 'cannot be an even number when etcd is stacked')];
      return [];
    }
    case 'MachineDeployment':
      if (typeof spec.replicas === 'number' && spec.replicas < 0) {
        return [invalidValue('spec.replicas', spec.replicas, 'must be greater than or equal to 0')];
      }
      return [];
    default:
      return [];
  }
}

export function validateObject(type: ResourceType, object: KubeObject, previous?: KubeObject): StatusCause[] {
  const name = object.metadata.name;
  const causes = name ? validateName(type.nameRule, name) : [requiredValue('metadata.name', 'name or generateName is required')];
  return [...causes, ...validateLabels(object.metadata.labels), ...validateKind(object, previous)];
}

let nextClusterIp = 10;

/** Defaults the API server fills on create. */
export function applyDefaults(object: KubeObject): KubeObject {
  const out: KubeObject = { ...object, metadata: { ...object.metadata } };
  switch (out.kind) {
    case 'Namespace':
      out.metadata.labels = { ...out.metadata.labels, 'kubernetes.io/metadata.name': out.metadata.name };
      out.spec = { finalizers: ['kubernetes'], ...specOf(out) };
      out.status = { phase: 'Active' };
      break;
    case 'Pod':
      out.status = { phase: 'Pending', ...(out.status as JsonObject | undefined) };
      break;
    case 'Service': {
      const spec: JsonObject = { type: 'ClusterIP', sessionAffinity: 'None', ...specOf(out) };
      if (spec.clusterIP === undefined) {
        nextClusterIp += 1;
        spec.clusterIP = `10.96.${Math.floor(nextClusterIp / 250) % 250}.${(nextClusterIp % 250) + 1}`;
        spec.clusterIPs = [spec.clusterIP];
      }
      out.spec = spec;
      out.status ??= { loadBalancer: {} };
      break;
    }
    case 'Deployment':
      out.spec = { replicas: 1, revisionHistoryLimit: 10, progressDeadlineSeconds: 600, ...specOf(out) };
      break;
    case 'Secret':
      out.type ??= 'Opaque';
      break;
    default:
      break;
  }
  return out;
}
