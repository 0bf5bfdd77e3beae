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
      "Refuse to go on unless the new project is in the chosen team's GitLab group",
    example: stringify({
      steps: [
        {
          id: 'check',
          action: 'platform:team:check-repository',
          name: 'Check team and repository',
          input: {
            team: "${{ parameters.owner | parseEntityRef | pick('name') }}",
            repoUrl: '${{ parameters.repoUrl }}',
          },
        },
      ],
    }),
  },
  {
    description: 'Check a fixed project of team-payments',
    example: stringify({
      steps: [
        {
          id: 'check',
          action: 'platform:team:check-repository',
          name: 'Check team and repository',
          input: {
            team: 'team-payments',
            repoUrl: 'gitlab.example.com?owner=team-payments&repo=checkout',
          },
        },
      ],
    }),
  },
];
