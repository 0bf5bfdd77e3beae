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

import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Route a hostname to one Service',
    example: stringify({
      steps: [
        {
          id: 'route',
          action: 'platform:httproute:create',
          name: 'Create route',
          input: {
            cluster: 'prod-eu-1',
            namespace: 'payments',
            team: 'team-payments',
            name: 'payments-api',
            hostnames: ['payments.apps.example.internal'],
            backends: [{ service: 'payments-api', port: 8080 }],
          },
        },
      ],
    }),
  },
  {
    description:
      'A canary: 90% to the stable Service and 10% to the canary on /api',
    example: stringify({
      steps: [
        {
          id: 'route',
          action: 'platform:httproute:create',
          name: 'Create canary route',
          input: {
            cluster: 'prod-eu-1',
            namespace: 'payments',
            team: 'team-payments',
            name: 'payments-api-canary',
            hostnames: ['payments.apps.example.internal'],
            rules: [
              {
                path: '/api',
                backends: [
                  { service: 'payments-api', port: 8080, weight: 90 },
                  { service: 'payments-api-canary', port: 8080, weight: 10 },
                ],
              },
            ],
          },
        },
      ],
    }),
  },
];
