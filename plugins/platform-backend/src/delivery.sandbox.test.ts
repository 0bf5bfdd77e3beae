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
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DeliveryPath,
  DeliveryStage,
} from '@platform-portal/plugin-platform-common';
import {
  createUpstreamSimulators,
  defaultFleet,
  Sandbox,
  startSandbox,
} from '@platform-portal/platform-sandbox';
import request from 'supertest';
import { platformPlugin } from './plugin';
import { sandboxPlatformConfig } from './__testUtils__/sandboxPlatformConfig';
import { sandboxControl } from './__testUtils__/sandboxControl';
import { bareEntity, exampleEntities } from './__testUtils__/exampleEntities';

jest.setTimeout(180_000);

function configFor(sandbox: Sandbox, cacheTtlSeconds: number) {
  const config = sandboxPlatformConfig(sandbox);
  return {
    ...config,
    platform: { ...config.platform, entityPages: { cacheTtlSeconds } },
  };
}

/** Answers are shared for a second unless said otherwise, so the steps below read afresh. */
async function startBackend(
  sandbox: Sandbox,
  options: { deny?: boolean; cacheTtlSeconds?: number } = {},
) {
  const entities = [...exampleEntities(), bareEntity];
  return startTestBackend({
    features: [
      platformPlugin,
      catalogServiceMock.factory({ entities }),
      createServiceFactory({
        service: actionsRegistryServiceRef,
        deps: {},
        factory: () => actionsRegistryServiceMock(),
      }),
      mockServices.rootConfig.factory({
        data: configFor(sandbox, options.cacheTtlSeconds ?? 1),
      }),
      ...(options.deny
        ? [mockServices.permissions.factory({ result: AuthorizeResult.DENY })]
        : []),
    ],
  });
}

const stageOf = (change: DeliveryPath, id: DeliveryStage['id']) =>
  change.stages.find(s => s.id === id)!;

describe('GET /delivery against the sandbox', () => {
  let sandbox: Sandbox;
  let server: any;
  let stop: () => Promise<void>;
  const get = (name: string, kind = 'component') =>
    request(server)
      .get(`/api/platform/delivery/default/${kind}/${name}`)
      .set('Authorization', mockCredentials.user.header('user:default/alice'));

  /** Reads until `done` holds for the newest change (the cache lives a second). */
  async function eventually(
    name: string,
    done: (change: DeliveryPath) => boolean,
  ): Promise<DeliveryPath> {
    let last: DeliveryPath | undefined;
    for (let attempt = 0; attempt < 60; attempt++) {
      const res = await get(name);
      expect(res.status).toBe(200);
      last = res.body.changes[0];
      if (last && done(last)) return last;
      await new Promise(resolve => setTimeout(resolve, 500));
    }
    throw new Error(`never reached: ${JSON.stringify(last, null, 2)}`);
  }

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

  afterEach(async () => {
    await sandboxControl(sandbox, 'DELETE', '/behaviour');
  });

  it("follows payments-api's released commit through every stage to prod-eu-1 and staging-1", async () => {
    await sandboxControl(sandbox, 'POST', '/faults', {
      cluster: 'prod-eu-1',
      id: 'certificate-renewal-stuck',
      target: 'payments-api-tls',
    });
    // One tick lets cert-manager's controller act on the fault.
    await sandboxControl(sandbox, 'POST', '/time/advance', { ms: 1000 });
    const res = await get('payments-api');
    await sandboxControl(
      sandbox,
      'DELETE',
      '/faults?cluster=prod-eu-1&id=certificate-renewal-stuck',
    );
    expect(res.status).toBe(200);
    expect(res.body.configured).toBe(true);
    expect(res.body.project).toMatchObject({
      path: 'team-payments/payments-api',
      defaultBranch: 'main',
    });
    const change: DeliveryPath = res.body.changes[0];
    expect(change.commit.title).toBe('Initial commit');
    expect(change.imageTags).toContain('1.5.0');
    expect(change.stages.map(s => s.id)).toEqual([
      'commit',
      'pipeline',
      'image',
      'manifest',
      'sync',
      'route',
      'traffic',
      'traces',
    ]);
    for (const s of change.stages.filter(x => x.id !== 'traces')) {
      expect([s.id, s.status]).toEqual([s.id, 'done']);
    }
    expect(change.current).toBeUndefined();
    expect(change.summary).toBe('Live on prod-eu-1, staging-1');
    expect(stageOf(change, 'pipeline').link).toContain('/-/pipelines/');
    expect(stageOf(change, 'image').evidence[0]).toBe(
      'team-payments/payments-api:1.5.0 in docker-hosted',
    );
    expect(stageOf(change, 'manifest').evidence).toContain(
      'prod-eu-2 still runs 1.4.1',
    );
    const route = stageOf(change, 'route').evidence.join('\n');
    expect(route).toContain(
      'prod-eu-1: HTTPRoute payments/payments-api accepted',
    );
    // The stuck renewal on prod-eu-1 does not block yet: the old certificate is valid.
    expect(route).toContain(
      'prod-eu-1: Certificate payments-api-tls renewal failing',
    );
    expect(stageOf(change, 'traffic').evidence.join('\n')).toMatch(
      /prod-eu-1: [\d.]+ req\/s, [\d.]+% 5xx/,
    );
    expect(stageOf(change, 'traces').status).toBe('unknown');
  });

  it('tells one story with the GitLab and Argo CD cards: the latest commit, and the version on each cluster', async () => {
    const read = (route: string) =>
      request(server)
        .get(`/api/platform/entity/default/component/payments-api/${route}`)
        .set(
          'Authorization',
          mockCredentials.user.header('user:default/alice'),
        );
    const [delivery, gitlab, argocd] = await Promise.all([
      get('payments-api'),
      read('gitlab'),
      read('argocd'),
    ]);
    expect([delivery.status, gitlab.status, argocd.status]).toEqual([
      200, 200, 200,
    ]);
    const change: DeliveryPath = delivery.body.changes[0];
    // The newest change is the newest commit the GitLab card's pipelines built.
    expect(change.commit.sha).toBe(gitlab.body.defaultBranch[0].sha);

    const tagsOn = new Map<string, string[]>(
      argocd.body.applications.map(
        (app: { instance: string; images: string[] }) => [
          app.instance,
          app.images.map(image => image.slice(image.lastIndexOf(':') + 1)),
        ],
      ),
    );
    // Where the Delivery tab says the change is live, the Argo CD card runs
    // its version; where it says a cluster still runs another, so does the card.
    const live = change.summary.replace(/^Live on /, '').split(', ');
    expect(live.length).toBeGreaterThan(0);
    for (const cluster of live) {
      const running = tagsOn.get(cluster) ?? [];
      expect([cluster, running.length]).toEqual([cluster, 1]);
      // The change's image carries several tags (its version, its short sha).
      expect([cluster, change.imageTags]).toEqual([
        cluster,
        expect.arrayContaining(running),
      ]);
    }
    const behind = stageOf(change, 'manifest')
      .evidence.map(line => /^(\S+) still runs (.+)$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null);
    expect(behind.length).toBeGreaterThan(0);
    for (const [, cluster, tags] of behind) {
      expect([cluster, tagsOn.get(cluster)]).toEqual([
        cluster,
        tags.split(', '),
      ]);
    }
    // Every cluster the Argo CD card lists is accounted for by the Delivery tab.
    expect([...tagsOn.keys()].sort()).toEqual(
      [...live, ...behind.map(([, cluster]) => cluster)].sort(),
    );
  });

  it("stops storefront-web's release where Argo CD reports it degraded, and shows the missing backend on staging-1", async () => {
    const change = await eventually('storefront-web', c => Boolean(c.current));
    // The first stage that fails is where it stops: Argo CD reports edge-rke2-1 degraded.
    expect(change.current).toBe('sync');
    expect(change.blockedBy).toMatch(
      /^edge-rke2-1: Synced, Degraded \(Deployment "storefront-web" exceeded its progress deadline/,
    );
    expect(stageOf(change, 'route').status).toBe('failed');
    expect(stageOf(change, 'route').evidence[0]).toMatch(
      /^staging-1: HTTPRoute storefront\/storefront-web ResolvedRefs=False \(BackendNotFound/,
    );
    expect(stageOf(change, 'traffic').status).toBe('failed');
    expect(stageOf(change, 'traffic').evidence.join('\n')).toMatch(
      /staging-1: [\d.]+ req\/s, 100\.0% 5xx/,
    );
  });

  it('blocks a commit whose pipeline failed at the pipeline stage', async () => {
    await sandboxControl(sandbox, 'POST', '/faults', {
      cluster: 'prod-eu-1',
      id: 'pipeline-failing',
      target: 'payments-api',
    });
    try {
      const change = await eventually(
        'payments-api',
        c => c.current === 'pipeline',
      );
      const pipeline = stageOf(change, 'pipeline');
      expect(pipeline.status).toBe('failed');
      expect(pipeline.evidence[0]).toMatch(/failed \(stage test failed\)$/);
      expect(change.summary).toMatch(/^Blocked at Pipeline \(GitLab\)/);
      expect(change.blockedBy).toBe(pipeline.evidence[0]);
    } finally {
      await sandboxControl(
        sandbox,
        'DELETE',
        '/faults?cluster=prod-eu-1&id=pipeline-failing',
      );
    }
  });

  it('shows the image stage unknown with the reason while Nexus is down, and the rest still read', async () => {
    await sandboxControl(sandbox, 'POST', '/behaviour', {
      upstream: 'nexus',
      refuse: true,
    });
    const change = await eventually(
      'orders-service',
      c => stageOf(c, 'image').status === 'unknown',
    );
    expect(stageOf(change, 'image').evidence[0]).toMatch(
      /^Nexus could not be read: .*Nexus/,
    );
    expect(stageOf(change, 'pipeline').status).toBe('done');
    expect(stageOf(change, 'manifest').status).toBe('done');
    expect(change.current).toBe('image');
    expect(change.blockedBy).toContain('Nexus could not be read');
  });

  it('moves a pushed commit through its pipeline on simulated time, then waits for its image', async () => {
    const config = sandboxPlatformConfig(sandbox);
    const gitlab = config.platform.upstreams.gitlab;
    const pushed = await fetch(
      `${gitlab.url}/api/v4/projects/${encodeURIComponent(
        'team-storefront/storefront-web',
      )}/repository/commits`,
      {
        method: 'POST',
        headers: {
          'PRIVATE-TOKEN': gitlab.token,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({
          branch: 'main',
          commit_message: 'Checkout: show the delivery date',
          actions: [
            {
              action: 'update',
              file_path: 'README.md',
              content: '# storefront-web\n\nDelivery dates.\n',
            },
          ],
        }),
      },
    );
    expect(pushed.status).toBe(201);
    const { short_id: shortSha } = await pushed.json();
    const running = await eventually(
      'storefront-web',
      c =>
        c.commit.shortSha === shortSha &&
        stageOf(c, 'pipeline').status === 'in progress',
    );
    expect(running.current).toBe('pipeline');
    expect(stageOf(running, 'image').status).toBe('waiting');
    await sandboxControl(sandbox, 'POST', '/time/advance', { ms: 130_000 });
    const built = await eventually(
      'storefront-web',
      c =>
        c.commit.shortSha === shortSha &&
        stageOf(c, 'pipeline').status === 'done',
    );
    expect(built.current).toBe('image');
    expect(stageOf(built, 'image').evidence[0]).toBe(
      `The pipeline passed but Nexus has no team-storefront/storefront-web:${shortSha}`,
    );
    expect(stageOf(built, 'manifest').status).toBe('waiting');
  });

  it('says what to annotate for an entity without a GitLab project', async () => {
    const res = await get('bare-service');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      configured: false,
      annotations: ['gitlab.com/project-slug'],
    });
  });

  it('404 for an entity the catalog does not have', async () => {
    const res = await get('no-such-service');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain(
      'component:default/no-such-service',
    );
  });

  it('400 naming the malformed path parameter', async () => {
    const res = await get('payments-api', 'com ponent');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain("'kind'");
  });

  it('two viewers within the TTL cost one read of each upstream', async () => {
    const shared = await startBackend(sandbox, { cacheTtlSeconds: 600 });
    const read = (user: string) =>
      request(shared.server)
        .get('/api/platform/delivery/default/component/orders-service')
        .set('Authorization', mockCredentials.user.header(user));
    try {
      await sandboxControl(sandbox, 'DELETE', '/counters');
      const first = await read('user:default/alice');
      expect(first.status).toBe(200);
      const afterFirst = await sandboxControl(sandbox, 'GET', '/counters');
      expect(afterFirst.byUpstream.gitlab).toBeGreaterThan(0);
      const second = await read('user:default/bob');
      expect(second.status).toBe(200);
      expect(second.body.changes).toEqual(first.body.changes);
      const afterSecond = await sandboxControl(sandbox, 'GET', '/counters');
      expect(afterSecond.byUpstream).toEqual(afterFirst.byUpstream);
    } finally {
      await shared.stop();
    }
  });

  it('403 when entity read is denied', async () => {
    const denied = await startBackend(sandbox, { deny: true });
    try {
      const res = await request(denied.server)
        .get('/api/platform/delivery/default/component/payments-api')
        .set(
          'Authorization',
          mockCredentials.user.header('user:default/alice'),
        );
      expect(res.status).toBe(403);
    } finally {
      await denied.stop();
    }
  });
});
