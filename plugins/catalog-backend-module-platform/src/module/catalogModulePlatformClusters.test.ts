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

import {
  coreServices,
  createBackendModule,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  catalogProcessingExtensionPoint,
  EntityProvider,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import {
  defaultFleet,
  Sandbox,
  startSandbox,
} from '@platform-portal/platform-sandbox';
import { REFRESH_TASK_ID } from '../providers/PlatformClusterEntityProvider';
import { catalogModulePlatformClusters } from './catalogModulePlatformClusters';

describe('catalogModulePlatformClusters', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({
      fleet: defaultFleet(),
      port: 0,
      controlPort: 0,
      realTimeTicks: false,
    });
  });

  afterAll(async () => {
    await sandbox?.stop();
  });

  it('adds a provider that, once connected, ingests the clusters of platform.clusters on schedule', async () => {
    const providers: EntityProvider[] = [];
    let scheduler: SchedulerService | undefined;
    await startTestBackend({
      extensionPoints: [
        [
          catalogProcessingExtensionPoint,
          { addEntityProvider: (p: EntityProvider) => providers.push(p) },
        ],
      ],
      features: [
        catalogModulePlatformClusters,
        createBackendModule({
          pluginId: 'catalog',
          moduleId: 'test-scheduler',
          register(env) {
            env.registerInit({
              deps: { s: coreServices.scheduler },
              async init({ s }) {
                scheduler = s;
              },
            });
          },
        }),
        mockServices.rootConfig.factory({
          data: {
            platform: {
              clusters: sandbox.fleetSpec.clusters.map(c => ({
                name: c.name,
                provisioner: c.provisioner,
                management: c.environment === 'management',
                ...(c.managementCluster
                  ? { managementCluster: c.managementCluster }
                  : {}),
                kubernetes: {
                  url: sandbox.kubernetesUrl(c.name),
                  caData: sandbox.caData(c.name),
                  token: sandbox.credentials.kubernetes[c.name].reader,
                },
              })),
              // The address the portal reads Grafana at, and the one people use.
              upstreams: {
                grafana: { url: 'http://grafana.observability:3000' },
              },
              links: { grafana: { baseUrl: `${sandbox.url}/grafana` } },
            },
          },
        }),
      ],
    });
    expect(providers.map(p => p.getProviderName())).toEqual([
      'PlatformClusterEntityProvider',
    ]);
    let entities: Entity[] = [];
    await providers[0].connect({
      async applyMutation(mutation: EntityProviderMutation) {
        if (mutation.type === 'full') {
          entities = mutation.entities.map(e => e.entity);
        }
      },
      async refresh() {},
    });
    await scheduler!.triggerTask(REFRESH_TASK_ID);
    expect(entities).toHaveLength(6);
    expect(
      entities.find(e => e.metadata.name === 'prod-eu-1')?.metadata.links,
    ).toEqual([
      expect.objectContaining({
        url: `${sandbox.url}/grafana/dashboards?tag=platform`,
      }),
    ]);
  });
  it('refuses to start with a page size out of range, naming the key', async () => {
    await expect(
      startTestBackend({
        extensionPoints: [
          [catalogProcessingExtensionPoint, { addEntityProvider: () => {} }],
        ],
        features: [
          catalogModulePlatformClusters,
          mockServices.rootConfig.factory({
            data: {
              platform: {
                clusters: [],
                catalog: { clusters: { pageSize: 5000 } },
              },
            },
          }),
        ],
      }),
    ).rejects.toThrow(
      'platform.catalog.clusters.pageSize must be an integer from 1 to 500, got 5000',
    );
  });
});
