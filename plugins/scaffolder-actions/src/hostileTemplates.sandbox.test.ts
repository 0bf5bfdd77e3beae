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
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import {
  appConfigYaml,
  createUpstreamSimulators,
  defaultFleet,
  Sandbox,
  startSandbox,
} from '@platform-portal/platform-sandbox';
import request from 'supertest';
import { parse } from 'yaml';
import { scaffolderModuleTrustedGitlab } from './gitlab/scaffolderModuleTrustedGitlab';
import { scaffolderModule } from './module';
import {
  platformPolicyConditionalDecisions,
  platformPolicyDecisions,
} from './__testUtils__/platformPolicyPermissions';
import {
  sandboxConfig,
  TEMPLATES_LOCATION,
  userOf,
} from './__testUtils__/sandboxSupport';

jest.setTimeout(120_000);

const PAT = 'user:default/pat';
const ADA = 'user:default/ada';

/**
 * The attacks of a member of team-payments through templates: each template
 * has a single step, so each action is seen refusing on its own. The
 * untrusted ones carry the origin a template registered from her own
 * repository would have, as if the catalog had accepted it.
 */
function template(
  name: string,
  origin: string,
  step: { action: string; input: JsonObject },
): Entity {
  return {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': origin,
        'backstage.io/managed-by-origin-location': origin,
      },
    },
    spec: {
      owner: 'group:default/team-payments',
      type: 'service',
      parameters: [],
      steps: [{ id: 'attack', name: 'Attack', ...step }],
    },
  };
}

describe('templates from locations the platform does not control', () => {
  let sandbox: Sandbox;
  let server: Parameters<typeof request>[0];
  let gitlabHost: string;
  let untrusted: string;
  const steps: Record<string, { action: string; input: JsonObject }> = {};

  beforeAll(async () => {
    sandbox = await startSandbox({
      fleet: defaultFleet(),
      realTimeTicks: false,
      upstreams: createUpstreamSimulators,
    });
    gitlabHost = new URL(sandbox.url).host;
    untrusted = `url:${sandbox.url}/gitlab/team-payments/tools/-/blob/main/template.yaml`;
    const generated = parse(appConfigYaml(sandbox));
    steps.namespace = {
      action: 'platform:namespace:create',
      input: {
        cluster: 'prod-eu-1',
        namespace: 'ledger',
        team: 'team-payments',
      },
    };
    steps.publish = {
      action: 'publish:gitlab',
      input: { repoUrl: `${gitlabHost}?owner=platform&repo=backdoor` },
    };
    steps.push = {
      action: 'gitlab:repo:push',
      input: {
        repoUrl: `${gitlabHost}?owner=platform&repo=gitops-apps`,
        branchName: 'main',
        commitMessage: 'deploy mine everywhere',
      },
    };
    const backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModule,
        scaffolderModuleTrustedGitlab,
        catalogServiceMock.factory({
          entities: [
            userOf('pat', ['team-payments']),
            userOf('ada', ['platform-team']),
            ...Object.entries(steps).map(([name, step]) =>
              template(`hostile-${name}`, untrusted, step),
            ),
            // From the platform's own location: app teams still may not push.
            template('trusted-push', `file:${TEMPLATES_LOCATION}`, steps.push),
            // A step only the platform team sees and runs.
            template('platform-step', `file:${TEMPLATES_LOCATION}`, {
              action: 'debug:log',
              input: { message: 'platform only' },
              'backstage:permissions': { tags: ['platform-team'] },
            } as any),
          ],
        }),
        mockServices.rootConfig.factory({
          data: {
            ...(sandboxConfig(sandbox).get() as Record<string, any>),
            integrations: generated.integrations,
          },
        }),
        mockServices.permissions.mock({
          authorize: platformPolicyDecisions(),
          authorizeConditional: platformPolicyConditionalDecisions(),
        }).factory,
      ],
    });
    server = backend.server;
  });

  afterAll(() => sandbox?.stop());

  /** Every request GitLab saw, and every write on any cluster. */
  function writes() {
    const counters = sandbox.control.readCounters();
    return {
      gitlab: counters.byUpstream.gitlab ?? 0,
      clusters: sandbox.fleet
        .names()
        .map(name => sandbox.fleet.cluster(name)!.store.resourceVersion),
    };
  }

  async function run(user: string, templateRef: string) {
    const auth = mockCredentials.user.header(user);
    const created = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', auth)
      .send({ templateRef, values: {} });
    if (created.status !== 201) {
      return { status: created.status, message: created.body.error?.message };
    }
    for (;;) {
      const task = await request(server)
        .get(`/api/scaffolder/v2/tasks/${created.body.id}`)
        .set('Authorization', auth);
      if (['completed', 'failed', 'cancelled'].includes(task.body.status)) {
        const events = await request(server)
          .get(`/api/scaffolder/v2/tasks/${created.body.id}/events`)
          .set('Authorization', auth);
        return {
          status: task.body.status,
          steps: events.body
            .filter((e: any) => e.body.status === 'completed' && e.body.stepId)
            .map((e: any) => e.body.stepId),
          message: events.body
            .filter((e: any) => e.body.status === 'failed')
            .map((e: any) => e.body.message)
            .join('\n'),
        };
      }
      await new Promise(resolve => setTimeout(resolve, 50));
    }
  }

  async function dryRun(user: string, name: string) {
    const res = await request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header(user))
      .send({
        template: template(name, untrusted, steps[name]),
        values: {},
        directoryContents: [],
      });
    return {
      status: res.status,
      error: res.body.error?.name,
      message:
        res.body.error?.message ||
        res.body.log
          ?.filter((l: any) => l.body.status === 'failed')
          .map((l: any) => l.body.message)
          .join('\n'),
    };
  }

  // For her, the policy refuses gitlab:repo:push before the action runs.
  it.each([
    ['namespace', 'platform:namespace:create', /trusted-template rule/],
    ['publish', 'publish:gitlab', /trusted-template rule/],
    ['push', 'gitlab:repo:push', /Unauthorized action: gitlab:repo:push/],
  ])(
    'a real run of the untrusted %s template fails at %s for her and for the platform team, and writes nothing',
    async (name, action, herRefusal) => {
      const before = writes();
      const results = [
        await run(PAT, `template:default/hostile-${name}`),
        await run(ADA, `template:default/hostile-${name}`),
      ];
      const trustRule = expect.stringContaining(
        `NotAllowedError: ${action} refused by the trusted-template rule: template template:default/hostile-${name} comes from ${untrusted}, not from a location the platform controls`,
      );
      expect(results).toMatchObject([
        { status: 'failed', message: expect.stringMatching(herRefusal) },
        { status: 'failed', message: trustRule },
      ]);
      // The task log its user reads has no stack frames or file paths.
      expect(results[1].message).not.toMatch(/\n\s+at |\/node_modules\//);
      expect(writes()).toEqual(before);
    },
  );

  it.each(['namespace', 'publish', 'push'])(
    'she may not dry-run the untrusted %s template (403), and nothing is written',
    async name => {
      const before = writes();
      expect(await dryRun(PAT, name)).toMatchObject({
        status: 403,
        error: 'NotAllowedError',
      });
      expect(writes()).toEqual(before);
    },
  );

  it('the platform team may dry-run a template from the request: a dry run writes nothing', async () => {
    const before = writes();
    const result = await dryRun(ADA, 'namespace');
    expect(result).toMatchObject({ status: 200, message: '' });
    expect(writes().clusters).toEqual(before.clusters);
  });

  it('even a trusted template cannot run gitlab:repo:push for an app team', async () => {
    const before = writes();
    expect(await run(PAT, 'template:default/trusted-push')).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(/Unauthorized action: gitlab:repo:push/),
    });
    expect(writes()).toEqual(before);
  });

  it("a step tagged platform-team is dropped from her task and runs in the platform team's", async () => {
    // The platform team first: the scaffolder filters the steps of the
    // entity it was given in place, and the catalog mock hands out the same
    // object every time.
    const platform = await run(ADA, 'template:default/platform-step');
    const hers = await run(PAT, 'template:default/platform-step');
    expect([hers, platform]).toMatchObject([
      { status: 'completed', steps: [] },
      { status: 'completed', steps: ['attack'] },
    ]);
  });
});
