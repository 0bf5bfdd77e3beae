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
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { platformPlugin } from './plugin';

const config = {
  platform: {
    sandbox: { enabled: true },
    clusters: [
      {
        name: 'prod-eu-1',
        provisioner: 'cluster-api',
        kubernetes: {
          url: 'http://127.0.0.1:7100/k8s/prod-eu-1',
          token: 'do-not-leak',
        },
      },
    ],
  },
};

describe('platformPlugin', () => {
  it('200 with the 13 layers and their owners', async () => {
    const { server } = await startTestBackend({
      features: [
        platformPlugin,
        mockServices.rootConfig.factory({ data: config }),
      ],
    });
    const res = await request(server).get('/api/platform/layers');
    expect(res.status).toBe(200);
    expect(res.body.layers).toHaveLength(13);
    expect(
      res.body.layers.find((l: { id: string }) => l.id === 'external-lb'),
    ).toMatchObject({
      title: 'External LB',
      owners: ['infrastructure-team'],
    });
  });

  it('200 saying the fleet is simulated, without leaking any token', async () => {
    const { server } = await startTestBackend({
      features: [
        platformPlugin,
        mockServices.rootConfig.factory({ data: config }),
      ],
    });
    const res = await request(server).get('/api/platform/environment');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ simulated: true, clusterCount: 1 });
    expect(JSON.stringify(res.body)).not.toContain('do-not-leak');
  });

  it('401 without credentials', async () => {
    const { server } = await startTestBackend({
      features: [
        platformPlugin,
        mockServices.rootConfig.factory({ data: config }),
      ],
    });
    const res = await request(server)
      .get('/api/platform/layers')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });

  it('403 naming the missing permission when health read is denied', async () => {
    const { server } = await startTestBackend({
      features: [
        platformPlugin,
        mockServices.rootConfig.factory({ data: config }),
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
      ],
    });
    const res = await request(server).get('/api/platform/layers');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('platform.health.read');
  });

  it('fails to start when a cluster is misconfigured, naming the key', async () => {
    await expect(
      startTestBackend({
        features: [
          platformPlugin,
          mockServices.rootConfig.factory({
            data: {
              platform: {
                clusters: [
                  {
                    name: 'x',
                    provisioner: 'eks',
                    kubernetes: { url: 'http://a' },
                  },
                ],
              },
            },
          }),
        ],
      }),
    ).rejects.toThrow(/platform\.clusters\[0\]\.provisioner/);
  });
});
