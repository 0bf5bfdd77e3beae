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

// The official Kubernetes backend's entity view: what its Kubernetes tab
// asks every 10 s, for a component deployed on every workload cluster.
const ENTITY_NAME = 'payments-api';

function officialEntityRequest(baseUrl) {
  return {
    url: `${baseUrl}/api/kubernetes/services/${ENTITY_NAME}`,
    method: 'POST',
    body: JSON.stringify({
      entity: {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: ENTITY_NAME,
          namespace: 'default',
          annotations: { 'backstage.io/kubernetes-id': ENTITY_NAME },
        },
        spec: {
          type: 'service',
          lifecycle: 'production',
          owner: 'team-payments',
        },
      },
      auth: {},
    }),
  };
}

module.exports = { officialEntityRequest, ENTITY_NAME };
