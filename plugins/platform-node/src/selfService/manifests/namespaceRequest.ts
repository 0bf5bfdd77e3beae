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

import {
  ExplicitQuota,
  NamespaceSize,
  invalid,
  orDefault,
  requireBoolean,
  requireDnsLabel,
  requireExplicitQuota,
  requireNamespaceSize,
} from '../validation';

/**
 * A validated request for a team namespace.
 *
 * @public
 */
export interface NamespaceRequest {
  cluster: string;
  namespace: string;
  team: string;
  entity?: string;
  size: NamespaceSize;
  /** Replaces the size's quota when given. */
  quota?: ExplicitQuota;
  allowSameNamespace: boolean;
  allowIngressFromGateway: boolean;
  allowDnsEgress: boolean;
}

const RESERVED = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/**
 * Validates every field of the action's input; nothing has been written yet.
 *
 * @public
 */
export function parseNamespaceRequest(
  input: Record<string, unknown>,
): NamespaceRequest {
  const namespace = requireDnsLabel('namespace', input.namespace);
  if (RESERVED.includes(namespace) || namespace.startsWith('kube-')) {
    invalid('namespace', `"${namespace}" is reserved for Kubernetes`);
  }
  return {
    cluster: requireDnsLabel('cluster', input.cluster),
    namespace,
    team: requireDnsLabel('team', input.team),
    // Templates render an empty optional parameter as ''.
    entity:
      input.entity === undefined || input.entity === ''
        ? undefined
        : requireDnsLabel('entity', input.entity),
    size: requireNamespaceSize('size', orDefault(input.size, 'S')),
    quota:
      input.quota === undefined
        ? undefined
        : requireExplicitQuota('quota', input.quota),
    allowSameNamespace: requireBoolean(
      'allowSameNamespace',
      input.allowSameNamespace,
      true,
    ),
    allowIngressFromGateway: requireBoolean(
      'allowIngressFromGateway',
      input.allowIngressFromGateway,
      true,
    ),
    allowDnsEgress: requireBoolean(
      'allowDnsEgress',
      input.allowDnsEgress,
      true,
    ),
  };
}
