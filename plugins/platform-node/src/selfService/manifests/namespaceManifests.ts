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

import { LABELS } from '@platform-portal/plugin-platform-common';
import { Manifest } from '../kube/ClusterObjects';
import { NAMESPACE_SIZES } from '../validation';
import { NamespaceRequest } from './namespaceRequest';

const POD_NAMESPACE = 'k8s:io.kubernetes.pod.namespace';

/** @public */
export function ownerLabels(
  team: string,
  entity?: string,
): Record<string, string> {
  return {
    [LABELS.owner]: team,
    [LABELS.team]: team,
    [LABELS.managedBy]: 'platform-portal',
    ...(entity ? { [LABELS.entity]: entity } : {}),
  };
}

function networkPolicy(
  namespace: string,
  name: string,
  labels: Record<string, string>,
  spec: Record<string, unknown>,
): Manifest {
  return {
    apiVersion: 'cilium.io/v2',
    kind: 'CiliumNetworkPolicy',
    metadata: { name, namespace, labels },
    spec: { endpointSelector: {}, ...spec },
  } as Manifest;
}

/**
 * Everything a team namespace consists of. Only the Namespace itself is
 * cluster-scoped; everything else lives inside it. The RoleBinding grants
 * the built-in `edit` ClusterRole inside this namespace only.
 *
 * @public
 */
export function namespaceManifests(
  request: NamespaceRequest,
  gatewayNamespace: string,
): Manifest[] {
  const { namespace, team } = request;
  const labels = ownerLabels(team, request.entity);
  const size = NAMESPACE_SIZES[request.size];
  const manifests: Manifest[] = [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: namespace, labels },
    },
    {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'platform-quota', namespace, labels },
      spec: {
        hard: request.quota
          ? {
              ...size.quota,
              'requests.cpu': String(request.quota.cpu),
              'requests.memory': `${request.quota.memoryGi}Gi`,
              'limits.memory': `${request.quota.memoryGi * 2}Gi`,
              pods: String(request.quota.pods),
              'requests.storage': `${request.quota.storageGi}Gi`,
            }
          : { ...size.quota },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'platform-limits', namespace, labels },
      spec: {
        limits: [
          {
            type: 'Container',
            default: { ...size.containerDefault },
            defaultRequest: { ...size.containerDefaultRequest },
            max: { ...size.containerMax },
          },
        ],
      },
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: `${team}-edit`, namespace, labels },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: 'edit',
      },
      subjects: [
        { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: team },
      ],
    },
    // One empty rule per direction: every pod's ingress and egress is denied
    // unless another policy below allows it.
    networkPolicy(namespace, 'default-deny', labels, {
      ingress: [{}],
      egress: [{}],
    }),
  ];
  if (request.allowSameNamespace) {
    const sameNamespace = [{ matchLabels: { [POD_NAMESPACE]: namespace } }];
    manifests.push(
      networkPolicy(namespace, 'allow-same-namespace', labels, {
        ingress: [{ fromEndpoints: sameNamespace }],
        egress: [{ toEndpoints: sameNamespace }],
      }),
    );
  }
  if (request.allowIngressFromGateway) {
    manifests.push(
      networkPolicy(namespace, 'allow-from-gateway', labels, {
        ingress: [
          {
            fromEndpoints: [
              { matchLabels: { [POD_NAMESPACE]: gatewayNamespace } },
            ],
          },
        ],
      }),
    );
  }
  if (request.allowDnsEgress) {
    manifests.push(
      networkPolicy(namespace, 'allow-dns-egress', labels, {
        egress: [
          {
            toEndpoints: [
              {
                matchLabels: {
                  [POD_NAMESPACE]: 'kube-system',
                  'k8s:k8s-app': 'kube-dns',
                },
              },
            ],
            toPorts: [
              {
                ports: [
                  { port: '53', protocol: 'UDP' },
                  { port: '53', protocol: 'TCP' },
                ],
              },
            ],
          },
        ],
      }),
    );
  }
  return manifests;
}
