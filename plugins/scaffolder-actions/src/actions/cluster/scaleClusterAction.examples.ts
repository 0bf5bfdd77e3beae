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
    description: 'Add a worker to a production cluster',
    example: stringify({
      steps: [
        {
          id: 'scale',
          action: 'platform:cluster:scale',
          name: 'Scale workers',
          input: { cluster: 'prod-eu-1', pool: 'workers', replicas: 6 },
        },
      ],
    }),
  },
  {
    description:
      'Grow a control plane from 3 to 5 nodes to tolerate two failures',
    example: stringify({
      steps: [
        {
          id: 'scale',
          action: 'platform:cluster:scale',
          name: 'Scale control plane',
          input: { cluster: 'prod-eu-1', pool: 'control-plane', replicas: 5 },
        },
      ],
    }),
  },
];
