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
  allTokens,
  revisionOf,
  sandboxConfig,
  startTestSandbox,
  userOf,
} from './__testUtils__/sandboxSupport';
import { scaffolderModuleTrustedGitlab } from './gitlab/scaffolderModuleTrustedGitlab';
import { scaffolderModule } from './module';

jest.setTimeout(60_000);

const TEMPLATE_DIR = path.resolve(__dirname, '../../../templates/new-service');

function filesUnder(
  dir: string,
  base = dir,
): Array<{ path: string; base64Content: string }> {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full, base);
    return [
      {
        path: path.relative(base, full),
        base64Content: fs.readFileSync(full).toString('base64'),
      },
    ];
  });
}

describe('new-service template through the scaffolder API', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(() => sandbox.stop());

  it('dry-runs every step against the sandbox and changes nothing', async () => {
    const portalConfig = sandboxConfig(sandbox).get() as Record<string, any>;
    const { server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleTrustedGitlab,
        scaffolderModule,
        catalogServiceMock.factory({
          entities: [userOf('pat', ['team-payments'])],
        }),
        mockServices.rootConfig.factory({
          data: {
            ...portalConfig,
            platform: {
              ...portalConfig.platform,
              catalog: {
                locationOwners: [
                  {
                    url: 'https://gitlab.apps.example.internal/team-payments/',
                    owner: 'team-payments',
                  },
                ],
              },
            },
            integrations: {
              gitlab: [
                {
                  host: 'gitlab.apps.example.internal',
                  token: 'glpat-test-token',
                  apiBaseUrl: 'https://gitlab.apps.example.internal/api/v4',
                },
              ],
            },
          },
        }),
      ],
    });
    const template = parse(
      fs.readFileSync(path.join(TEMPLATE_DIR, 'template.yaml'), 'utf8'),
    );
    const before = ['prod-eu-1', 'mgmt'].map(c => revisionOf(sandbox, c));

    const response = await request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header('user:default/pat'))
      .send({
        template,
        values: {
          name: 'checkout',
          description: 'Checkout service',
          owner: 'group:default/team-payments',
          repoUrl:
            'gitlab.apps.example.internal?owner=team-payments&repo=checkout',
          cluster: 'resource:default/prod-eu-1',
          size: 'M',
          hostname: 'checkout.apps.example.internal',
          port: 8080,
        },
        directoryContents: [
          {
            path: 'template.yaml',
            base64Content: fs
              .readFileSync(path.join(TEMPLATE_DIR, 'template.yaml'))
              .toString('base64'),
          },
          ...filesUnder(path.join(TEMPLATE_DIR, 'skeleton')).map(f => ({
            ...f,
            path: `skeleton/${f.path}`,
          })),
        ],
      });

    expect(response.status).toBe(200);
    const messages: string[] = response.body.log.map(
      (l: { body: { message: string } }) => l.body.message,
    );
    type LogEvent = {
      body: { stepId?: string; status?: string; message: string };
    };
    const stepsWith = (status: string) =>
      response.body.log
        .filter((l: LogEvent) => l.body.status === status)
        .map((l: LogEvent) => `${l.body.stepId}`);
    expect({
      failed: stepsWith('failed'),
      errors: messages.filter(m => /error|failed/i.test(m)),
    }).toEqual({ failed: [], errors: [] });
    // The scaffolder's dry run skips publish:gitlab and catalog:register.
    expect(stepsWith('completed')).toEqual([
      'fetch',
      'check',
      'namespace',
      'route',
      'certificate',
      'argocd',
    ]);
    expect(stepsWith('skipped')).toEqual(['publish', 'register']);
    expect(
      messages.some(m =>
        m.includes('Would apply Namespace checkout on cluster prod-eu-1'),
      ),
    ).toBe(true);
    expect(
      messages.some(m => m.includes('Would apply HTTPRoute checkout/checkout')),
    ).toBe(true);
    expect(
      messages.some(m => m.includes('Would apply Application argocd/checkout')),
    ).toBe(true);
    const rendered: Array<{ path: string; base64Content: string }> =
      response.body.directoryContents;
    expect(rendered.map(f => f.path).sort()).toEqual(
      expect.arrayContaining([
        '.gitlab-ci.yml',
        'Dockerfile',
        'catalog-info.yaml',
        'deploy/kustomization.yaml',
        'deploy/deployment.yaml',
        'deploy/service.yaml',
      ]),
    );
    for (const file of rendered) {
      expect({
        path: file.path,
        leftover: Buffer.from(file.base64Content, 'base64')
          .toString()
          .includes('${{'),
      }).toEqual({ path: file.path, leftover: false });
    }
    const catalogInfo = response.body.directoryContents.find(
      (f: { path: string }) => f.path === 'catalog-info.yaml',
    );
    expect(
      Buffer.from(catalogInfo.base64Content, 'base64').toString(),
    ).toContain('gitlab.com/project-slug: team-payments/checkout');
    expect(['prod-eu-1', 'mgmt'].map(c => revisionOf(sandbox, c))).toEqual(
      before,
    );
    const everything = JSON.stringify(response.body);
    for (const token of [...allTokens(sandbox), 'glpat-test-token'])
      expect(everything).not.toContain(token);
  });
});
