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
    description:
      "A certificate for a route's hostname from the production issuer",
    example: stringify({
      steps: [
        {
          id: 'certificate',
          action: 'platform:certificate:create',
          name: 'Request certificate',
          input: {
            cluster: 'prod-eu-1',
            namespace: 'payments',
            team: 'team-payments',
            name: 'payments-api',
            dnsNames: ['payments.apps.example.internal'],
            issuer: 'letsencrypt-prod',
            routeName: 'payments-api',
          },
        },
      ],
    }),
  },
];
