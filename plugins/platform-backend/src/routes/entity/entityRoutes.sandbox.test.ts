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

import { createServiceFactory } from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  createUpstreamSimulators,
  defaultFleet,
  Sandbox,
  startSandbox,
} from '@platform-portal/platform-sandbox';
import request from 'supertest';
import { platformPlugin } from '../../plugin';
import { sandboxPlatformConfig } from '../../__testUtils__/sandboxPlatformConfig';
import { sandboxControl } from '../../__testUtils__/sandboxControl';
import {
  bareEntity,
  exampleEntities,
} from '../../__testUtils__/exampleEntities';

jest.setTimeout(120_000);

/** Who may not see storefront-web, as a catalog permission policy would decide. */
const OUTSIDER = 'user:default/outsider';

async function startBackend(
  sandbox: Sandbox,
  options: { deny?: boolean } = {},
) {
  const entities = [...exampleEntities(), bareEntity];
  const catalog = catalogServiceMock.mock({
    async getEntityByRef(ref: string | CompoundEntityRef, lookup) {
      const wanted = typeof ref === 'string' ? parseEntityRef(ref) : ref;
      const entity = entities.find(
        e =>
          e.kind.toLowerCase() === wanted.kind.toLowerCase() &&
          (e.metadata.namespace ?? 'default') === wanted.namespace &&
          e.metadata.name === wanted.name,
      );
      const credentials =
        lookup && 'credentials' in lookup ? lookup.credentials : undefined;
      const principal = (credentials?.principal ?? {}) as {
        userEntityRef?: string;
      };
      if (
        entity?.metadata.name === 'storefront-web' &&
        principal.userEntityRef === OUTSIDER
      ) {
        return undefined;
      }
      return entity;
    },
  });
  return startTestBackend({
    features: [
      platformPlugin,
      catalog.factory,
      createServiceFactory({
        service: actionsRegistryServiceRef,
        deps: {},
        factory: () => actionsRegistryServiceMock(),
      }),
      // No timed health refresh: its upstream reads would blur the counts here.
      mockServices.scheduler.mock().factory,
      mockServices.rootConfig.factory({ data: sandboxPlatformConfig(sandbox) }),
      ...(options.deny
        ? [mockServices.permissions.factory({ result: AuthorizeResult.DENY })]
        : []),
    ],
  });
}

describe('entity routes against the sandbox', () => {
  let sandbox: Sandbox;
  let server: any;
  let stop: () => Promise<void>;
  const entityPath = (name: string, integration: string) =>
    `/api/platform/entity/default/component/${name}/${integration}`;
  const get = (url: string, user = 'user:default/alice') =>
    request(server)
      .get(url)
      .set('Authorization', mockCredentials.user.header(user));

  beforeAll(async () => {
    sandbox = await startSandbox({
      fleet: defaultFleet(),
      port: 0,
      controlPort: 0,
      upstreams: createUpstreamSimulators,
      realTimeTicks: false,
    });
    const backend = await startBackend(sandbox);
    server = backend.server;
    stop = () => backend.stop();
  });

  afterAll(async () => {
    await stop?.();
    await sandbox?.stop();
  });

  it("lists payments-api's images and charts with the clusters running each version", async () => {
    const res = await get(entityPath('payments-api', 'nexus'));
    expect(res.status).toBe(200);
    expect(res.body.configured).toBe(true);
    const image = res.body.artifacts.find((a: any) => a.format === 'docker');
    expect(image.name).toBe('team-payments/payments-api');
    expect(image.versions.map((v: any) => v.version)).toEqual([
      '1.5.0',
      '1.4.1',
      '1.4.0',
    ]);
    for (const v of image.versions) {
      expect(v.repository).toBe('docker-hosted');
      expect(v.sizeBytes).toBeGreaterThan(0);
      expect(Date.parse(v.lastModified)).toBeGreaterThan(0);
    }
    const clustersOf = (version: string) =>
      image.versions.find((v: any) => v.version === version).clusters;
    expect(clustersOf('1.5.0')).toEqual(['prod-eu-1', 'staging-1']);
    expect(clustersOf('1.4.1')).toEqual(['prod-eu-2']);
    expect(clustersOf('1.4.0')).toEqual([]);
    const chart = res.body.artifacts.find((a: any) => a.format === 'helm');
    expect(chart.name).toBe('payments-api');
    expect(chart.versions[0]).toMatchObject({
      version: '1.5.0',
      repository: 'helm-hosted',
    });
    expect(res.body.clusterErrors).toEqual([]);
    expect(JSON.stringify(res.body)).not.toContain(
      sandbox.credentials.nexusPassword,
    );
  });

  it("shows payments-api's default-branch and merge-request pipelines with stages", async () => {
    const res = await get(entityPath('payments-api', 'gitlab'));
    expect(res.status).toBe(200);
    expect(res.body.project).toMatchObject({
      path: 'team-payments/payments-api',
      defaultBranch: 'main',
    });
    expect(res.body.defaultBranch.length).toBeGreaterThan(0);
    for (const p of res.body.defaultBranch) {
      expect(p.ref).toBe('main');
      expect(p.webUrl).toContain('/team-payments/payments-api/-/pipelines/');
      expect(p.stages.length).toBeGreaterThan(0);
    }
    const ids = res.body.defaultBranch.map((p: any) => p.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(res.body.defaultBranch[0].durationSeconds).toBeGreaterThan(0);
    expect(res.body.mergeRequests.length).toBeGreaterThan(0);
    for (const mr of res.body.mergeRequests) {
      expect(mr.webUrl).toContain('/-/merge_requests/');
      expect(mr.pipeline.ref).toBe(mr.sourceBranch);
    }
  });

  it("shows payments-api's dashboards by tag and its firing alerts", async () => {
    const res = await get(entityPath('payments-api', 'grafana'));
    expect(res.status).toBe(200);
    expect(res.body.dashboards).toEqual([
      expect.objectContaining({
        uid: 'svc-payments-api',
        path: '/d/svc-payments-api/service-payments-api',
      }),
    ]);
    expect(res.body.alerts.length).toBeGreaterThan(0);
    for (const alert of res.body.alerts) {
      expect(alert.labels.service).toBe('payments-api');
    }
    expect(res.body.alerts).toContainEqual(
      expect.objectContaining({
        name: 'CertManagerCertificateRenewalStuck',
        state: 'Alerting',
        severity: 'warning',
        summary: expect.any(String),
        runbookUrl: expect.stringContaining('certificate-renewal-stuck'),
      }),
    );
  });

  it.each(['nexus', 'gitlab', 'grafana'])(
    '200 with the annotations to add for an entity without them (%s)',
    async integration => {
      const res = await get(entityPath('bare-service', integration));
      expect(res.status).toBe(200);
      expect(res.body.configured).toBe(false);
      expect(res.body.annotations.length).toBeGreaterThan(0);
      expect(res.body.message).toContain(res.body.annotations[0]);
    },
  );

  it('404 for an entity that is not in the catalog', async () => {
    const res = await get(entityPath('no-such-service', 'nexus'));
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain(
      'component:default/no-such-service',
    );
  });

  it('404 for an entity the caller may not see', async () => {
    const res = await get(entityPath('storefront-web', 'gitlab'), OUTSIDER);
    expect(res.status).toBe(404);
  });

  it('400 naming the field when a path parameter is malformed', async () => {
    const kind = await get(
      '/api/platform/entity/default/com%20ponent/payments-api/nexus',
    );
    expect(kind.status).toBe(400);
    expect(kind.body.error.message).toContain("'kind'");
    const name = await get(
      '/api/platform/entity/default/component/-bad-/nexus',
    );
    expect(name.status).toBe(400);
    expect(name.body.error.message).toContain("'name'");
    const namespace = await get(
      '/api/platform/entity/Default!/component/payments-api/nexus',
    );
    expect(namespace.status).toBe(400);
    expect(namespace.body.error.message).toContain("'namespace'");
  });

  it('401 without credentials', async () => {
    const res = await request(server)
      .get(entityPath('payments-api', 'nexus'))
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });

  it('two viewers within the TTL cost one upstream read', async () => {
    await sandboxControl(sandbox, 'DELETE', '/counters');
    const first = await get(
      entityPath('orders-service', 'nexus'),
      'user:default/alice',
    );
    expect(first.status).toBe(200);
    const afterFirst = await sandboxControl(sandbox, 'GET', '/counters');
    expect(afterFirst.byUpstream.nexus).toBeGreaterThan(0);
    const second = await get(
      entityPath('orders-service', 'nexus'),
      'user:default/bob',
    );
    expect(second.status).toBe(200);
    expect(second.body.artifacts).toEqual(first.body.artifacts);
    const afterSecond = await sandboxControl(sandbox, 'GET', '/counters');
    expect(afterSecond.byUpstream).toEqual(afterFirst.byUpstream);
  });

  it('503 naming the upstream when it is down', async () => {
    await sandboxControl(sandbox, 'POST', '/behaviour', {
      upstream: 'gitlab',
      refuse: true,
    });
    await sandboxControl(sandbox, 'POST', '/behaviour', {
      upstream: 'nexus',
      refuse: true,
    });
    try {
      // storefront-web has not been read yet, so nothing is cached for it
      // (Grafana's reads are shared by every entity, so they already are).
      const gitlab = await get(entityPath('storefront-web', 'gitlab'));
      expect(gitlab.status).toBe(503);
      expect(gitlab.body.error.message).toContain('GitLab');
      expect(gitlab.body.error.message).toContain('platform.upstreams.gitlab');
      const nexus = await get(entityPath('storefront-web', 'nexus'));
      expect(nexus.status).toBe(503);
      expect(nexus.body.error.message).toContain('Nexus');
    } finally {
      await sandboxControl(sandbox, 'DELETE', '/behaviour');
    }
  });
});

describe('entity routes without permission', () => {
  let sandbox: Sandbox;
  let server: any;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    sandbox = await startSandbox({
      fleet: defaultFleet(),
      port: 0,
      controlPort: 0,
      upstreams: createUpstreamSimulators,
      realTimeTicks: false,
    });
    const backend = await startBackend(sandbox, { deny: true });
    server = backend.server;
    stop = () => backend.stop();
  });

  afterAll(async () => {
    await stop?.();
    await sandbox?.stop();
  });

  it.each(['nexus', 'gitlab', 'grafana'])(
    '403 on %s when entity read is denied, and no upstream is called',
    async integration => {
      await sandboxControl(sandbox, 'DELETE', '/counters');
      const res = await request(server)
        .get(
          `/api/platform/entity/default/component/payments-api/${integration}`,
        )
        .set('Authorization', mockCredentials.user.header());
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain('platform.entity.read');
      const counters = await sandboxControl(sandbox, 'GET', '/counters');
      expect(counters.byUpstream[integration] ?? 0).toBe(0);
    },
  );
});
