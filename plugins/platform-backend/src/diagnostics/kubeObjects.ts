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

import { KubernetesObjectLike } from '@platform-portal/plugin-platform-node';

/** A Kubernetes status condition as controllers write it. */
export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/** A loosely typed object: diagnostics read only a few fields of each kind. */
export type AnyObject = KubernetesObjectLike & {
  spec?: any;
  status?: any;
};

export function conditionOf(
  object: AnyObject | undefined,
  type: string,
): Condition | undefined {
  return (object?.status?.conditions as Condition[] | undefined)?.find(
    c => c.type === type,
  );
}

export function describeCondition(condition: Condition | undefined): string {
  if (!condition) return 'no condition';
  return `${condition.type}=${condition.status}${
    condition.reason ? ` (${condition.reason})` : ''
  }${condition.message ? `: ${condition.message}` : ''}`;
}

export function refOf(object: KubernetesObjectLike): string {
  const { namespace, name } = object.metadata ?? {};
  return namespace ? `${namespace}/${name}` : `${name}`;
}

/** Objects in the asked-for namespace (all when none was asked for). */
export function inNamespace<T extends KubernetesObjectLike>(
  items: T[],
  namespace: string | undefined,
): T[] {
  return namespace
    ? items.filter(i => i.metadata?.namespace === namespace)
    : items;
}

/** Whether a pod's label set matches a Kubernetes label selector. */
export function selects(
  selector:
    | {
        matchLabels?: Record<string, string>;
        matchExpressions?: Array<{
          key: string;
          operator: string;
          values?: string[];
        }>;
      }
    | undefined,
  labels: Record<string, string>,
): boolean {
  if (!selector) return true;
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(
    ([k, v]) => labels[k] === v,
  );
  const byExpression = (selector.matchExpressions ?? []).every(e => {
    const value = labels[e.key];
    switch (e.operator) {
      case 'In':
        return value !== undefined && (e.values ?? []).includes(value);
      case 'NotIn':
        return value === undefined || !(e.values ?? []).includes(value);
      case 'Exists':
        return value !== undefined;
      case 'DoesNotExist':
        return value === undefined;
      default:
        return false;
    }
  });
  return byLabel && byExpression;
}
