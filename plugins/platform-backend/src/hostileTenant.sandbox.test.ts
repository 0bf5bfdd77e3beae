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
  createServiceFactory,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Sandbox } from '@platform-portal/platform-sandbox';
import {
  ArgocdApplication,
  platformArgocdRollbackPermission,
  platformArgocdSyncPermission,
  platformEntityReadPermission,
} from '@platform-portal/plugin-platform-common';
import { Server } from 'node:http';
import request from 'supertest';
import { platformPlugin } from './plugin';
import { exampleEntities } from './__testUtils__/exampleEntities';
import { sandboxPlatformConfig } from './__testUtils__/sandboxPlatformConfig';
import { writesIn } from './__testUtils__/sandboxWrites';
import { startUpstreamSandbox } from './__testUtils__/startUpstreamSandbox';

jest.setTimeout(300_000);

const BASE = '/api/platform';
const JUDY = mockCredentials.user.header('user:default/judy'); // team-storefront
const ALICE = mockCredentials.user.header('user:default/alice'); // platform-team
const ARGOCD_KEY = 'platform.ownership.argocdProjects';
const GITLAB_KEY = 'platform.ownership.gitlabGroups';

/** What a member of team-storefront can register: any annotations, any owner. */
function crafted(
  name: string,
  annotations: Record<string, string>,
  owner = 'team-storefront',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', lifecycle: 'production', owner },
  };
}

const HOSTILE = [
  crafted('steal-payments', { 'argocd/app-name': 'payments-api' }),
  crafted('steal-everything', { 'argocd/app-selector': '!none' }),
  // Claiming the platform team as owner is as easy as any other owner.
  crafted(
    'pose-as-platform',
    {
      'argocd/app-selector': '!none',
      'gitlab.com/project-slug': 'platform/gitops-apps',
      'nexus-repository-manager/docker.image-name':
        'team-payments/payments-api',
    },
    'platform-team',
  ),
  crafted('read-gitops', { 'gitlab.com/project-slug': 'platform/gitops-apps' }),
  crafted('read-payments-ci', {
    'gitlab.com/project-slug': 'team-payments/payments-api',
  }),
  crafted('read-payments-images', {
    'nexus-repository-manager/docker.image-name': 'team-payments/payments-api',
    'platform-portal.io/nexus-helm-chart': 'payments-api',
  }),
];

const entityPath = (name: string) => `${BASE}/entity/default/component/${name}`;

/**
 * Every permission allowed: the policy lets owners act on their own
 * entities, and these are the tenant's own. What stops them must be the
 * ownership of the upstream objects.
 */
const allowEverything = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: (): PermissionsService => ({
    async authorize(requests) {
      return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
    },
    async authorizeConditional(requests) {
      return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
    },
  }),
});

describe('a hostile tenant crafting entities to reach other teams upstream objects', () => {
  let sandbox: Sandbox;
  let server: Server;
  let stop: () => Promise<void>;
  const audited: Array<{ eventId: string; failure?: string; ok?: boolean }> =
    [];
  const auditor = mockServices.auditor.mock({
    createEvent: jest.fn(async ({ eventId }) => {
      const entry: { eventId: string; failure?: string; ok?: boolean } = {
        eventId,
      };
      audited.push(entry);
      return {
        success: jest.fn(async () => {
          entry.ok = true;
        }),
        fail: jest.fn(async ({ error }: { error: Error }) => {
          entry.failure = error.message;
        }),
      };
    }) as any,
  });

  beforeAll(async () => {
    sandbox = await startUpstreamSandbox();
    const backend = await startTestBackend({
      features: [
        platformPlugin,
        mockServices.rootConfig.factory({
          data: sandboxPlatformConfig(sandbox),
        }),
        catalogServiceMock.factory({
          entities: [...exampleEntities(), ...HOSTILE],
        }),
        allowEverything,
        auditor.factory,
      ],
    });
    server = backend.server as unknown as Server;
    stop = () => backend.stop();
  });

  afterAll(async () => {
    await stop?.();
    await sandbox?.stop();
  });

  describe('writes: refused with the mapping named, audited, nothing reaches an upstream', () => {
    let before: ReturnType<typeof writesIn>;
    beforeAll(() => {
      before = writesIn(sandbox);
      audited.length = 0;
    });

    it.each([
      ['steal-payments', 'prod-eu-1', 'payments-api', 'sync'],
      ['steal-payments', 'prod-eu-1', 'payments-api', 'rollback'],
      ['steal-everything', 'prod-eu-1', 'payments-api', 'rollback'],
      ['steal-everything', 'prod-eu-2', 'orders-service', 'sync'],
      ['steal-everything', 'prod-eu-1', 'cert-manager', 'sync'],
      ['pose-as-platform', 'mgmt', 'traefik', 'sync'],
      ['pose-as-platform', 'prod-eu-1', 'payments-api', 'rollback'],
    ])('403 for %s: %s/%s %s', async (entity, instance, app, verb) => {
      const res = await request(server)
        .post(`${entityPath(entity)}/argocd/${instance}/${app}/${verb}`)
        .set('Authorization', JUDY)
        .send(verb === 'rollback' ? { id: 0 } : {});
      expect(res.status).toBe(403);
      expect(res.body.error.name).toBe('NotAllowedError');
      expect(res.body.error.message).toContain(ARGOCD_KEY);
      expect(res.body.error.message).toContain('user:default/judy');
      expect(audited.at(-1)).toMatchObject({
        eventId: `argocd-${verb}`,
        failure: expect.stringContaining(ARGOCD_KEY),
      });
    });

    it('403 for a remediation sync of another team application, naming the mapping', async () => {
      const res = await request(server)
        .post(`${BASE}/diagnostics/prod-eu-2/remediations/argocd-sync`)
        .set('Authorization', JUDY)
        .send({ name: 'orders-service' });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain(ARGOCD_KEY);
      expect(audited.at(-1)).toMatchObject({
        eventId: 'diagnostic-remediation',
        failure: expect.stringContaining(ARGOCD_KEY),
      });
    });

    it('403 for a certificate re-issue in another team namespace, naming the owner label', async () => {
      const res = await request(server)
        .post(`${BASE}/diagnostics/prod-eu-2/remediations/certificate-reissue`)
        .set('Authorization', JUDY)
        .send({ name: 'payments-tls', namespace: 'payments' });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(
        /namespace payments .*group:default\/team-payments/i,
      );
      expect(audited.at(-1)?.failure).toBeDefined();
    });

    it('no write reached the sandbox', () => {
      expect(writesIn(sandbox)).toEqual(before);
      expect(audited.filter(a => a.ok)).toEqual([]);
    });
  });

  describe('reads: only the entity owner objects, with what was left out counted', () => {
    const argocd = async (entity: string, authorization = JUDY) => {
      const res = await request(server)
        .get(`${entityPath(entity)}/argocd`)
        .set('Authorization', authorization);
      expect(res.status).toBe(200);
      return res.body as {
        applications: ArgocdApplication[];
        hiddenApplications: number;
      };
    };

    it('an app-name of another team shows nothing and says one application per instance is hidden', async () => {
      const body = await argocd('steal-payments');
      expect(body.applications).toEqual([]);
      // payments-api runs on prod-eu-1, prod-eu-2 and staging-1.
      expect(body.hiddenApplications).toBe(3);
    });

    it('a selector matching everything shows the tenant own team applications only', async () => {
      const body = await argocd('steal-everything');
      expect(body.applications.length).toBeGreaterThan(0);
      expect([...new Set(body.applications.map(a => a.project))]).toEqual([
        'storefront',
      ]);
      // Every platform add-on and every payments app on every instance.
      expect(body.hiddenApplications).toBeGreaterThan(20);
    });

    it('an entity claiming the platform team shows nothing to someone outside it', async () => {
      const body = await argocd('pose-as-platform');
      expect(body.applications).toEqual([]);
      expect(body.hiddenApplications).toBeGreaterThan(20);
    });

    it('the same claim shows the platform add-ons to a platform-team member', async () => {
      const body = await argocd('pose-as-platform', ALICE);
      expect(body.applications.length).toBeGreaterThan(0);
      expect(new Set(body.applications.map(a => a.project))).toEqual(
        new Set(['platform']),
      );
    });

    it.each([
      [
        'read-gitops',
        'gitlab',
        'platform/gitops-apps',
        'group:default/platform-team',
      ],
      [
        'read-gitops',
        'delivery',
        'platform/gitops-apps',
        'group:default/platform-team',
      ],
      [
        'read-payments-ci',
        'gitlab',
        'team-payments/payments-api',
        'group:default/team-payments',
      ],
      [
        'read-payments-ci',
        'delivery',
        'team-payments/payments-api',
        'group:default/team-payments',
      ],
    ])(
      '403 for %s %s: project %s belongs to %s',
      async (entity, card, project, owner) => {
        const path =
          card === 'gitlab'
            ? `${entityPath(entity)}/gitlab`
            : `${BASE}/delivery/default/component/${entity}`;
        const res = await request(server).get(path).set('Authorization', JUDY);
        expect(res.status).toBe(403);
        expect(res.body.error.message).toContain(`GitLab project ${project}`);
        expect(res.body.error.message).toContain(owner);
        expect(res.body.error.message).toContain(GITLAB_KEY);
        // Nothing of the project in the answer.
        expect(res.text).not.toMatch(/pipeline|commit|"sha"/i);
        expect(audited.at(-1)).toMatchObject({
          eventId: 'upstream-read-refused',
          failure: expect.stringContaining(GITLAB_KEY),
        });
      },
    );

    it('403 for a private platform project behind an entity claiming the platform team', async () => {
      const res = await request(server)
        .get(`${entityPath('pose-as-platform')}/gitlab`)
        .set('Authorization', JUDY);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain(GITLAB_KEY);
      expect(res.body.error.message).toContain('user:default/judy');
    });

    it('another team image and chart show no version, and say how many were hidden', async () => {
      const res = await request(server)
        .get(`${entityPath('read-payments-images')}/nexus`)
        .set('Authorization', JUDY);
      expect(res.status).toBe(200);
      expect(res.body.artifacts.flatMap((a: any) => a.versions)).toEqual([]);
      // 3 image and 3 chart versions of payments-api.
      expect(res.body.hiddenVersions).toBe(6);
    });

    it('the team own entities still show everything to their members', async () => {
      const body = await argocd('storefront-web');
      expect(body.applications.length).toBeGreaterThan(0);
      expect(body.hiddenApplications).toBe(0);
      const nexus = await request(server)
        .get(`${entityPath('storefront-web')}/nexus`)
        .set('Authorization', JUDY);
      expect(nexus.body.hiddenVersions).toBe(0);
      expect(
        nexus.body.artifacts.flatMap((a: any) => a.versions).length,
      ).toBeGreaterThan(0);
      const gitlab = await request(server)
        .get(`${entityPath('storefront-web')}/gitlab`)
        .set('Authorization', JUDY);
      expect(gitlab.status).toBe(200);
    });
  });
});

describe('service principals on write routes', () => {
  let sandbox: Sandbox;
  let server: Server;
  let stop: () => Promise<void>;
  const TOKENS = {
    unrestricted: 'unrestricted-service-token-0001',
    readOnly: 'read-only-service-token-0002',
    releaseBot: 'release-bot-service-token-0003',
  };

  beforeAll(async () => {
    sandbox = await startUpstreamSandbox();
    const config = sandboxPlatformConfig(sandbox);
    const backend = await startTestBackend({
      features: [
        platformPlugin,
        mockServices.rootConfig.factory({
          data: {
            ...config,
            permission: { enabled: true },
            backend: {
              auth: {
                externalAccess: [
                  {
                    type: 'static',
                    options: { token: TOKENS.unrestricted, subject: 'ci' },
                  },
                  {
                    type: 'static',
                    options: { token: TOKENS.readOnly, subject: 'dashboards' },
                    accessRestrictions: [
                      {
                        plugin: 'platform',
                        permission: platformEntityReadPermission.name,
                      },
                    ],
                  },
                  {
                    type: 'static',
                    options: {
                      token: TOKENS.releaseBot,
                      subject: 'release-bot',
                    },
                    accessRestrictions: [
                      {
                        plugin: 'platform',
                        permission: [
                          platformEntityReadPermission.name,
                          platformArgocdSyncPermission.name,
                          platformArgocdRollbackPermission.name,
                        ],
                      },
                    ],
                  },
                ],
              },
            },
          },
        }),
        catalogServiceMock.factory({ entities: exampleEntities() }),
        // The real services: Backstage decides service principals' permissions
        // from their access restrictions alone, without the policy.
        authServiceFactory,
        httpAuthServiceFactory,
        mockServices.permissions.factory(),
      ],
    });
    server = backend.server as unknown as Server;
    stop = () => backend.stop();
  });

  afterAll(async () => {
    await stop?.();
    await sandbox?.stop();
  });

  const post = (token: string, verb: 'sync' | 'rollback', body: object) =>
    request(server)
      .post(
        `${entityPath('payments-api')}/argocd/prod-eu-1/payments-api/${verb}`,
      )
      .set('Authorization', `Bearer ${token}`)
      .send(body);

  it('403 for sync and rollback with a token without access restrictions, nothing written', async () => {
    const before = writesIn(sandbox);
    for (const [verb, body] of [
      ['sync', {}],
      ['rollback', { id: 0 }],
    ] as const) {
      const res = await post(TOKENS.unrestricted, verb, body);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain(
        `Missing permission platform.argocd.${verb}`,
      );
      expect(res.body.error.message).toContain('access restrictions');
    }
    expect(writesIn(sandbox)).toEqual(before);
  });

  it('403 for a token whose restrictions do not name the permission', async () => {
    const res = await post(TOKENS.readOnly, 'sync', {});
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain(
      'Missing permission platform.argocd.sync',
    );
  });

  it('lets a token restricted to the permission through to the application checks', async () => {
    // A history id the application does not have: past every authorisation
    // check, refused before Argo CD is called.
    const before = writesIn(sandbox);
    const rollback = await post(TOKENS.releaseBot, 'rollback', { id: 999 });
    expect(rollback.status).toBe(400);
    expect(rollback.body.error.message).toContain("Invalid body field 'id'");
    expect(writesIn(sandbox)).toEqual(before);
    const read = await request(server)
      .get(`${entityPath('payments-api')}/argocd`)
      .set('Authorization', `Bearer ${TOKENS.releaseBot}`);
    expect(read.status).toBe(200);
    expect(read.body.applications.length).toBeGreaterThan(0);
  });
});
