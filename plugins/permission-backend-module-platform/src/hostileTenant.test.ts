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

import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { userInfoServiceFactory } from '@backstage/backend-defaults/userInfo';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { loadConfig } from '@backstage/config-loader';
import authPlugin from '@backstage/plugin-auth-backend';
import guestProviderModule from '@backstage/plugin-auth-backend-module-guest-provider';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import scaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { platformClusterProvisionPermission } from '@platform-portal/plugin-platform-common';
import { catalogModulePlatformLocationTrust } from '@platform-portal/plugin-catalog-backend-module-platform';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { permissionModulePlatformPolicy } from './module';
import { REPO_ROOT } from './__testUtils__/productionConfig';

jest.setTimeout(150_000);

/**
 * What a member of team-payments puts in a repository of her team's GitLab
 * group and registers in the catalog, one file per location so each refusal
 * is seen on its own.
 */
const FILES: Record<string, string> = {
  'template.yaml': `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata: { name: push-gitops }
spec:
  owner: group:default/team-payments
  type: service
  steps:
    - id: push
      action: gitlab:repo:push
      input: { repoUrl: 'gitlab.example.com?owner=platform&repo=gitops-apps', commitMessage: x }
`,
  'group.yaml': `apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: payments-admins }
spec: { type: team, parent: platform-team, children: [], members: [mallory] }
`,
  'user.yaml': `apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: mallory }
spec: { memberOf: [platform-team] }
`,
  'cluster.yaml': `apiVersion: backstage.io/v1alpha1
kind: Resource
metadata: { name: prod-eu-9 }
spec: { type: kubernetes-cluster, owner: team-payments }
`,
  'foreign.yaml': `apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: storefront-shadow }
spec: { type: service, lifecycle: production, owner: team-storefront }
`,
  'own.yaml': `apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: ledger }
spec: { type: service, lifecycle: production, owner: team-payments }
`,
};

async function serveFiles() {
  const server = http.createServer((req, res) => {
    const name = path.basename(req.url ?? '');
    if (
      /^\/(team-payments|unmapped)\/app\//.test(req.url ?? '') &&
      FILES[name]
    ) {
      res.writeHead(200, { 'content-type': 'text/yaml' });
      res.end(FILES[name]);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return server;
}

describe('a member of one team registering catalog locations', () => {
  const previousNodeEnv = process.env.NODE_ENV;
  let files: http.Server;
  let base: string;
  let backendUrl: string;
  let token: string;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    files = await serveFiles();
    const { port } = files.address() as AddressInfo;
    base = `http://localhost:${port}/team-payments/app`;
    const { appConfigs } = await loadConfig({
      configRoot: REPO_ROOT,
      configTargets: [{ path: path.join(REPO_ROOT, 'app-config.yaml') }],
    });
    const config = ConfigReader.fromConfigs([
      ...appConfigs,
      {
        context: 'test',
        data: {
          backend: { reading: { allow: [{ host: `localhost:${port}` }] } },
          // app-config.yaml's locations, from wherever jest runs (their
          // paths are relative to packages/backend).
          catalog: {
            locations: [
              {
                type: 'file',
                target: path.join(REPO_ROOT, 'catalog/all.yaml'),
                rules: [{ allow: ['System', 'Group', 'User'] }],
              },
            ],
          },
          auth: {
            providers: {
              // Mallory signs in for real; her sign-in says team-payments,
              // and the catalog has no User of her yet.
              guest: {
                userEntityRef: 'user:default/mallory',
                ownershipEntityRefs: [
                  'user:default/mallory',
                  'group:default/team-payments',
                ],
              },
            },
          },
          platform: {
            catalog: {
              locationOwners: [
                {
                  url: `http://localhost:${port}/team-payments/`,
                  owner: 'team-payments',
                },
              ],
            },
          },
        },
      },
    ]);
    // The guest provider only signs in outside production, read at start-up
    // and at sign-in.
    process.env.NODE_ENV = 'development';
    const backend = await startTestBackend({
      features: [
        createServiceFactory({
          service: coreServices.rootConfig,
          deps: {},
          factory: () => config,
        }),
        authServiceFactory,
        httpAuthServiceFactory,
        userInfoServiceFactory,
        authPlugin,
        guestProviderModule,
        catalogPlugin,
        scaffolderEntityModel,
        catalogModulePlatformLocationTrust,
        permissionPlugin,
        permissionModulePlatformPolicy,
      ],
    });
    backendUrl = `http://localhost:${backend.server.port()}`;
    stop = () => backend.stop();
    const session = await fetch(`${backendUrl}/api/auth/guest/refresh`, {
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    });
    if (session.status !== 200) {
      throw new Error(`guest sign-in answered ${session.status}`);
    }
    token = (await session.json()).backstageIdentity.token;
  });

  afterAll(async () => {
    await stop?.();
    files?.close();
    process.env.NODE_ENV = previousNodeEnv;
  });

  const api = (pathname: string, init: RequestInit = {}) =>
    fetch(`${backendUrl}${pathname}`, {
      ...init,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...init.headers,
      },
    });

  async function register(file: string, dryRun: boolean) {
    const target = file.startsWith('http') ? file : `${base}/${file}`;
    const res = await api(`/api/catalog/locations?dryRun=${dryRun}`, {
      method: 'POST',
      body: JSON.stringify({ type: 'url', target }),
    });
    return { status: res.status, body: await res.json() };
  }

  async function entity(kind: string, name: string) {
    const res = await api(
      `/api/catalog/entities/by-name/${kind}/default/${name}`,
    );
    return res.status === 200 ? res.json() : undefined;
  }

  /** The entity once the catalog has stored it; on a busy machine that takes a while. */
  async function ingested(kind: string, name: string) {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const found = await entity(kind, name);
      if (found) return found;
      if (Date.now() > deadline) {
        throw new Error(`${kind}:default/${name} was not ingested within 60 s`);
      }
      await new Promise(resolve => setTimeout(resolve, 200));
    }
  }

  async function mayProvision() {
    const res = await api('/api/permission/authorize', {
      method: 'POST',
      body: JSON.stringify({
        items: [{ id: '1', permission: platformClusterProvisionPermission }],
      }),
    });
    return (await res.json()).items[0].result;
  }

  it.each([
    [
      'template.yaml',
      /Template:default\/push-gitops .* not of an allowed kind/i,
    ],
    ['group.yaml', /Group:default\/payments-admins .* not of an allowed kind/i],
    ['user.yaml', /User:default\/mallory .* not of an allowed kind/i],
    [
      'cluster.yaml',
      /resource:default\/prod-eu-9 .*trusted-locations rule: kubernetes-cluster Resources are accepted only from locations the platform controls/,
    ],
    [
      'foreign.yaml',
      /component:default\/storefront-shadow .*location-owner rule: spec.owner is group:default\/team-storefront but the location belongs to group:default\/team-payments/,
    ],
  ])('400 naming the rule when %s is registered', async (file, message) => {
    const { status, body } = await register(file, true);
    expect({ status, message: body.error?.message }).toEqual({
      status: 400,
      message: expect.stringMatching(message),
    });
  });

  it('400 naming the rule for her own component in a GitLab group no team owns', async () => {
    const { status, body } = await register(
      `${base.replace('/team-payments/', '/unmapped/')}/own.yaml`,
      true,
    );
    expect({ status, message: body.error?.message }).toEqual({
      status: 400,
      message: expect.stringMatching(
        /component:default\/ledger .*location-owner rule: the location belongs to no team in platform.catalog.locationOwners/,
      ),
    });
  });

  it('accepts her own team’s component, stores none of the rest, and gives her no platform rights', async () => {
    expect(await mayProvision()).toBe('DENY');
    for (const file of Object.keys(FILES)) {
      const { status } = await register(file, false);
      expect(status).toBe(201);
    }
    // Her own component is the sign that the catalog processed her locations.
    expect(await ingested('component', 'ledger')).toBeDefined();
    // The organisation from catalog/ is in: platform-team exists to be joined.
    const platformTeam = await ingested('group', 'platform-team');
    expect({
      template: await entity('template', 'push-gitops'),
      group: await entity('group', 'payments-admins'),
      user: await entity('user', 'mallory'),
      cluster: await entity('resource', 'prod-eu-9'),
      foreign: await entity('component', 'storefront-shadow'),
      platformTeamMembers: platformTeam.relations
        .filter((r: { type: string }) => r.type === 'hasMember')
        .map((r: { targetRef: string }) => r.targetRef),
    }).toEqual({
      template: undefined,
      group: undefined,
      user: undefined,
      cluster: undefined,
      foreign: undefined,
      platformTeamMembers: expect.not.arrayContaining(['user:default/mallory']),
    });
    expect(await mayProvision()).toBe('DENY');
  });
});
