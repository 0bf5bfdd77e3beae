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
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { Sandbox } from '@platform-portal/platform-sandbox';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import {
  sandboxConfig,
  startTestSandbox,
  TEMPLATES_LOCATION,
  userOf,
  whileTicking,
} from './__testUtils__/sandboxSupport';
import { scaffolderModule } from './module';

jest.setTimeout(60_000);

const TEMPLATES = path.resolve(__dirname, '../../../templates');

function templateEntity(dir: string) {
  const template = parse(
    fs.readFileSync(path.join(TEMPLATES, dir, 'template.yaml'), 'utf8'),
  );
  template.metadata.namespace = 'default';
  template.metadata.annotations = {
    'backstage.io/managed-by-location': `file:${path.join(
      TEMPLATES,
      dir,
      'template.yaml',
    )}`,
    // Read through templates/all.yaml, a location in catalog.locations.
    'backstage.io/managed-by-origin-location': `file:${TEMPLATES_LOCATION}`,
  };
  return template;
}

describe('templates run as scaffolder tasks against the sandbox', () => {
  let sandbox: Sandbox;
  let server: Parameters<typeof request>[0];

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    const backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModule,
        catalogServiceMock.factory({
          entities: [
            userOf('pat', ['team-payments']),
            templateEntity('namespace'),
            templateEntity('route-certificate'),
          ],
        }),
        mockServices.rootConfig.factory({
          data: sandboxConfig(sandbox).get() as any,
        }),
      ],
    });
    server = backend.server;
  });
  afterAll(() => sandbox.stop());

  async function runTask(templateRef: string, values: Record<string, unknown>) {
    const auth = mockCredentials.user.header('user:default/pat');
    const created = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', auth)
      .send({ templateRef, values });
    expect(created.status).toBe(201);
    for (;;) {
      const task = await request(server)
        .get(`/api/scaffolder/v2/tasks/${created.body.id}`)
        .set('Authorization', auth);
      if (['completed', 'failed', 'cancelled'].includes(task.body.status)) {
        const events = await request(server)
          .get(`/api/scaffolder/v2/tasks/${created.body.id}/events`)
          .set('Authorization', auth);
        const messages = events.body.map(
          (e: { body: { message?: string } }) => e.body.message ?? '',
        );
        return {
          status: task.body.status as string,
          output:
            events.body.find((e: { type: string }) => e.type === 'completion')
              ?.body.output ?? {},
          messages,
        };
      }
      await new Promise(resolve => setTimeout(resolve, 50));
    }
  }

  it('the namespace template creates a team namespace', async () => {
    const result = await runTask('template:default/platform-namespace', {
      cluster: 'resource:default/prod-eu-1',
      owner: 'group:default/team-payments',
      namespace: 'ledger',
      size: 'S',
      allowSameNamespace: true,
      allowIngressFromGateway: true,
      allowDnsEgress: true,
    });
    expect({
      status: result.status,
      errors: result.messages.filter((m: string) => /error/i.test(m)),
    }).toEqual({ status: 'completed', errors: [] });
    const ns = sandbox.fleet
      .cluster('prod-eu-1')!
      .store.get('namespaces', undefined, 'ledger')!;
    expect(ns.metadata.labels).toMatchObject({
      'platform-portal.io/owner': 'team-payments',
    });
    expect(result.output.links).toEqual([
      {
        title: 'Namespace dashboard',
        url: 'http://grafana.example/d/k8s-namespace/namespace?var-cluster=prod-eu-1&var-namespace=ledger',
      },
    ]);
  });

  it('the route + certificate template publishes a Service over HTTPS', async () => {
    const result = await whileTicking(
      sandbox,
      runTask('template:default/platform-route-certificate', {
        cluster: 'resource:default/prod-eu-1',
        owner: 'group:default/team-payments',
        namespace: 'payments',
        name: 'pay-public',
        hostname: 'pay-public.apps.example.internal',
        path: '/',
        service: 'payments-api',
        port: 8080,
        issuer: 'letsencrypt-prod',
      }),
    );
    expect({
      status: result.status,
      errors: result.messages.filter((m: string) => /error/i.test(m)),
    }).toEqual({ status: 'completed', errors: [] });
    const store = sandbox.fleet.cluster('prod-eu-1')!.store;
    expect(
      store.get(
        'httproutes.gateway.networking.k8s.io',
        'payments',
        'pay-public',
      ),
    ).toBeDefined();
    expect(
      store.get('certificates.cert-manager.io', 'payments', 'pay-public'),
    ).toBeDefined();
    expect(result.output.links).toEqual([
      {
        title: 'Open pay-public.apps.example.internal',
        url: 'https://pay-public.apps.example.internal/',
      },
    ]);
  });
});
