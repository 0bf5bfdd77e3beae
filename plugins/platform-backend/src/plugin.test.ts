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
import { platformPermissions } from '@platform-portal/plugin-platform-common';
import request from 'supertest';
import { platformPlugin } from './plugin';

const config = {
  platform: {
    sandbox: { enabled: true },
    // These cases are about the poll; watches would trip the cluster's breaker first.
    health: { watch: { enabled: false } },
    clusters: [
      {
        name: 'prod-eu-1',
        provisioner: 'cluster-api',
        kubernetes: {
          url: 'http://127.0.0.1:1/k8s/prod-eu-1',
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
    expect(res.body).toEqual({
      simulated: true,
      clusterCount: 1,
      realKubernetes: [],
    });
    expect(JSON.stringify(res.body)).not.toContain('do-not-leak');
  });

  it('tells the permission backend every platform permission', async () => {
    const { server } = await startTestBackend({
      features: [
        platformPlugin,
        mockServices.rootConfig.factory({ data: config }),
      ],
    });
    const res = await request(server).get(
      '/api/platform/.well-known/backstage/permissions/metadata',
    );
    expect(res.status).toBe(200);
    expect(
      res.body.permissions.map((p: { name: string }) => p.name).sort(),
    ).toEqual(platformPermissions.map(p => p.name).sort());
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

  it('tags the fleet view and answers 304 to a viewer that already has it', async () => {
    const { server } = await startTestBackend({
      features: [
        platformPlugin,
        mockServices.rootConfig.factory({ data: config }),
      ],
    });
    const first = await request(server).get('/api/platform/health');
    expect(first.status).toBe(200);
    expect(first.body.clusters).toHaveLength(1);
    expect(first.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const again = await request(server)
      .get('/api/platform/health')
      .set('If-None-Match', first.headers.etag);
    expect(again.status).toBe(304);
    const other = await request(server)
      .get('/api/platform/health')
      .set('If-None-Match', '"something-else"');
    expect(other.status).toBe(200);
    expect(other.body).toEqual(first.body);
  });

  it('serves an unreachable cluster never read before as critical, its layers unknown, the reason once, never the token', async () => {
    const { server } = await startTestBackend({
      features: [
        platformPlugin,
        mockServices.rootConfig.factory({ data: config }),
      ],
    });
    const res = await request(server).get('/api/platform/health/prod-eu-1');
    expect(res.status).toBe(200);
    expect(res.body.layers).toHaveLength(13);
    const storage = res.body.layers.find(
      (l: { layer: string }) => l.layer === 'storage',
    );
    expect(storage.verdict).toBe('unknown');
    expect(storage.reason).toMatch(/^Not observed yet/);
    expect(res.body.verdict).toBe('critical');
    expect(res.body.unreachable.message).toContain(
      'Kubernetes API of cluster prod-eu-1 could not be reached',
    );
    expect(res.body.unreachable.message).toContain(
      'platform.clusters[0].kubernetes.url',
    );
    const artifacts = res.body.layers.find(
      (l: { layer: string }) => l.layer === 'artifacts',
    );
    expect(artifacts.reason).toContain('set platform.upstreams.nexus.url');
    expect(JSON.stringify(res.body)).not.toContain('do-not-leak');
  });

  describe('request validation', () => {
    let server: any;
    beforeAll(async () => {
      ({ server } = await startTestBackend({
        features: [
          platformPlugin,
          mockServices.rootConfig.factory({ data: config }),
        ],
      }));
    });

    it('400 naming the cluster parameter when it cannot be a cluster name', async () => {
      const res = await request(server).get('/api/platform/health/Prod_EU');
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ name: 'InputError' });
      expect(res.body.error.message).toContain("'cluster'");
    });

    it('404 for a cluster that is not configured', async () => {
      const res = await request(server).get('/api/platform/health/nowhere');
      expect(res.status).toBe(404);
      expect(res.body.error.message).toContain("No cluster named 'nowhere'");
      expect(
        (await request(server).get('/api/platform/clusters/nowhere')).status,
      ).toBe(404);
    });

    it('404 for a layer that does not exist', async () => {
      const res = await request(server).get(
        '/api/platform/health/prod-eu-1/dns',
      );
      expect(res.status).toBe(404);
      expect(res.body.error.message).toContain("No layer 'dns'");
    });

    it('400 naming the limit parameter of the history when it is out of range', async () => {
      const res = await request(server).get(
        '/api/platform/health/prod-eu-1/history?limit=0',
      );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain("'limit'");
    });

    it('200 with the cluster list and its live detail error when the API server is down', async () => {
      const list = await request(server).get('/api/platform/clusters');
      expect(list.body.clusters).toEqual([
        expect.objectContaining({
          name: 'prod-eu-1',
          provisioner: 'cluster-api',
        }),
      ]);
      const detail = await request(server).get(
        '/api/platform/clusters/prod-eu-1',
      );
      expect(detail.status).toBe(200);
      expect(detail.body.nodes).toEqual([]);
      expect(detail.body.liveError).toMatch(
        /^Kubernetes API of cluster prod-eu-1 .*check platform\.clusters\[0\]\.kubernetes\.url/,
      );
      expect(JSON.stringify(detail.body)).not.toContain('do-not-leak');
    });
  });

  it.each([
    '/api/platform/health',
    '/api/platform/health/prod-eu-1',
    '/api/platform/health/prod-eu-1/storage',
    '/api/platform/health/prod-eu-1/history',
    '/api/platform/clusters',
    '/api/platform/clusters/prod-eu-1',
  ])('403 on %s when health read is denied', async path => {
    const { server } = await startTestBackend({
      features: [
        platformPlugin,
        mockServices.rootConfig.factory({ data: config }),
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
      ],
    });
    const res = await request(server).get(path);
    expect(res.status).toBe(403);
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

  it('fails to start when an ownership mapping is malformed, naming the key', async () => {
    await expect(
      startTestBackend({
        features: [
          platformPlugin,
          mockServices.rootConfig.factory({
            data: {
              platform: {
                ownership: {
                  argocdProjects: [
                    { project: 'payments', owner: 'user:default/heidi' },
                  ],
                },
              },
            },
          }),
        ],
      }),
    ).rejects.toThrow(/platform\.ownership\.argocdProjects\[0\]\.owner/);
  });
});
