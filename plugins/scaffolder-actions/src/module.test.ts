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

import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  scaffolderActionsExtensionPoint,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { scaffolderModule } from './module';

describe('scaffolderModule', () => {
  it('registers every platform action with the scaffolder', async () => {
    const added: TemplateAction<any, any, any>[] = [];
    await startTestBackend({
      extensionPoints: [
        [
          scaffolderActionsExtensionPoint,
          {
            addActions: (...actions: TemplateAction<any, any, any>[]) =>
              added.push(...actions),
          },
        ],
      ],
      features: [
        scaffolderModule,
        mockServices.rootConfig.factory({
          data: {
            platform: {
              clusters: [
                {
                  name: 'prod-eu-1',
                  provisioner: 'cluster-api',
                  managementCluster: 'mgmt',
                  kubernetes: { url: 'https://prod.example:6443' },
                },
              ],
              selfService: { allowedDomains: ['apps.example.internal'] },
            },
          },
        }),
      ],
    });
    expect(added.map(a => a.id).sort()).toEqual([
      'platform:argocd:create-app',
      'platform:certificate:create',
      'platform:cluster:create',
      'platform:cluster:scale',
      'platform:cluster:upgrade',
      'platform:httproute:create',
      'platform:namespace:create',
      'platform:team:check-repository',
      'platform:volume:create',
    ]);
    expect(added.every(a => a.supportsDryRun)).toBe(true);
  });
});
