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

import { Manifest } from '../kube/ClusterObjects';
import { ownerLabels } from './namespaceManifests';
import { HttpRouteRequest } from './httpRouteRequest';

/** @public */
export function httpRouteManifest(
  request: HttpRouteRequest,
  gateway: { namespace: string; name: string; sectionName: string },
): Manifest {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: {
      name: request.name,
      namespace: request.namespace,
      labels: ownerLabels(request.team),
    },
    spec: {
      parentRefs: [
        {
          group: 'gateway.networking.k8s.io',
          kind: 'Gateway',
          namespace: gateway.namespace,
          name: gateway.name,
          sectionName: gateway.sectionName,
        },
      ],
      hostnames: request.hostnames,
      rules: request.rules.map(rule => ({
        matches: [{ path: { type: 'PathPrefix', value: rule.path } }],
        backendRefs: rule.backends.map(b => ({
          group: '',
          kind: 'Service',
          name: b.service,
          port: b.port,
          weight: b.weight,
        })),
      })),
    },
  } as Manifest;
}
