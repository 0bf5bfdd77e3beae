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
    description: 'A production cluster with an HA control plane',
    example: stringify({
      steps: [
        {
          id: 'cluster',
          action: 'platform:cluster:create',
          name: 'Create cluster',
          input: {
            name: 'prod-eu-3',
            managementCluster: 'mgmt',
            environment: 'production',
            region: 'eu-central',
            version: 'v1.33.4',
            controlPlaneReplicas: 3,
            workerReplicas: 5,
          },
        },
      ],
    }),
  },
];
