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

import { isVirtual, RESOURCE_TYPES, ResourceType } from '../kube/resources';
import { Crd } from './stackCrds';

/** Kinds a kube-apiserver serves itself: no group, or a group of Kubernetes' own. */
function builtIn(group: string): boolean {
  return !group.includes('.') || group.endsWith('.k8s.io');
}

/**
 * CRDs for the custom kinds the sandbox serves that no upstream CRD file
 * covers: Longhorn, MetalLB, RKE2's control plane, snapshot and upgrade kinds
 * (no module the Go proxy serves, nor an @kubernetes-models package, carries
 * them). Without them a real cluster does not serve those kinds, the mirror
 * skips their objects and the layers that read them turn unknown. Their
 * schema keeps every field: they stand in for the kinds, not for upstream's
 * validation, and their source annotation says so.
 */
export function standInCrds(
  upstream: Crd[],
  types: readonly ResourceType[] = RESOURCE_TYPES,
): Crd[] {
  const covered = new Set(upstream.map(crd => crd.metadata.name));
  return types
    .filter(t => !builtIn(t.group) && !isVirtual(t))
    .filter(t => !covered.has(`${t.plural}.${t.group}`))
    .map(t => ({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: {
        name: `${t.plural}.${t.group}`,
        annotations: {
          'platform-portal.io/crd-source':
            'stand-in from the sandbox resource table: schema keeps unknown fields',
        },
      },
      spec: {
        group: t.group,
        names: {
          kind: t.kind,
          listKind: `${t.kind}List`,
          plural: t.plural,
          singular: t.singular,
          ...(t.shortNames ? { shortNames: t.shortNames } : {}),
          ...(t.categories ? { categories: t.categories } : {}),
        },
        scope: t.namespaced ? 'Namespaced' : 'Cluster',
        versions: t.versions.map((name, index) => ({
          name,
          served: true,
          storage: index === 0,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              'x-kubernetes-preserve-unknown-fields': true,
            },
          },
          subresources: {
            ...(t.subresources.includes('status') ? { status: {} } : {}),
            ...(t.subresources.includes('scale')
              ? {
                  scale: {
                    specReplicasPath: '.spec.replicas',
                    statusReplicasPath: '.status.replicas',
                  },
                }
              : {}),
          },
        })),
      },
    }));
}
