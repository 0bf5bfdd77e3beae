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
import { NotAllowedError } from '@backstage/errors';
import {
  scaffolderActionsExtensionPoint,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { Sandbox } from '@platform-portal/platform-sandbox';
import {
  platformClusterProvisionPermission,
  platformNamespaceWritePermission,
} from '@platform-portal/plugin-platform-common';
import { scaffolderModule } from './module';
import { platformPolicyDecisions } from './__testUtils__/platformPolicyPermissions';
import {
  contextFor,
  sandboxConfig,
  startTestSandbox,
  userOf,
} from './__testUtils__/sandboxSupport';
import { exampleInputs } from './__testUtils__/exampleInputs';

jest.setTimeout(120_000);

/**
 * The permission each action registered by the module is gated by, for a
 * signed-in user outside the teams and the platform team. An action added to
 * the module without an entry here fails the sweep.
 */
const GATED_BY: Record<string, string> = {
  'platform:namespace:create': platformNamespaceWritePermission.name,
  'platform:httproute:create': platformNamespaceWritePermission.name,
  'platform:certificate:create': platformNamespaceWritePermission.name,
  'platform:volume:create': platformNamespaceWritePermission.name,
  'platform:argocd:create-app': platformNamespaceWritePermission.name,
  'platform:team:check-repository': platformNamespaceWritePermission.name,
  'platform:cluster:create': platformClusterProvisionPermission.name,
  'platform:cluster:scale': platformClusterProvisionPermission.name,
  'platform:cluster:upgrade': platformClusterProvisionPermission.name,
};

/** Every write the sandbox saw: each cluster's store revision and the write requests it counted. */
function writesIn(sandbox: Sandbox) {
  return {
    revisions: sandbox.fleet
      .names()
      .map(name => sandbox.fleet.cluster(name)!.store.resourceVersion),
    writeRequests: Object.values(sandbox.control.readCounters().byCluster)
      .flatMap(perCluster => Object.entries(perCluster))
      .filter(([key]) =>
        /:(create|update|patch|delete|deletecollection|POST|PUT|PATCH|DELETE)$/.test(
          key,
        ),
      )
      .sort(),
  };
}

describe('authorization of every platform scaffolder action', () => {
  let sandbox: Sandbox;
  const actions: TemplateAction<any, any, any>[] = [];

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    const policy = platformPolicyDecisions();
    await startTestBackend({
      extensionPoints: [
        [
          scaffolderActionsExtensionPoint,
          {
            addActions: (...added: TemplateAction<any, any, any>[]) =>
              actions.push(...added),
          },
        ],
      ],
      features: [
        scaffolderModule,
        mockServices.rootConfig.factory({
          data: sandboxConfig(sandbox).get(),
        }),
        mockServices.permissions.mock({ authorize: policy }).factory,
      ],
    });
  });

  afterAll(() => sandbox?.stop());

  it('knows the permission of every action the module registers, and each has a literal example', () => {
    expect(actions.map(a => a.id).sort()).toEqual(Object.keys(GATED_BY).sort());
    expect(
      actions.filter(a => exampleInputs(a).length === 0).map(a => a.id),
    ).toEqual([]);
  });

  const initiators = {
    'a signed-in user of no team': (ctx: any) => ctx,
    'nobody signed in': (ctx: any) => {
      ctx.getInitiatorCredentials = async () => mockCredentials.none();
      return ctx;
    },
  };

  const cases = Object.keys(GATED_BY).flatMap(id =>
    Object.keys(initiators).flatMap(who =>
      [false, true].map(isDryRun => [id, who, isDryRun] as const),
    ),
  );

  it.each(cases)(
    '%s refuses %s (dry run: %s) naming the permission, and writes nothing',
    async (id, who, isDryRun) => {
      const action = actions.find(a => a.id === id)!;
      const before = writesIn(sandbox);
      for (const input of exampleInputs(action)) {
        const { ctx, outputs } = contextFor(input, {
          user: userOf('mallory', []),
          isDryRun,
        });
        initiators[who as keyof typeof initiators](ctx);
        const outcome = await action.handler(ctx).then(
          () => undefined,
          (error: Error) => error,
        );
        expect(outcome).toBeInstanceOf(NotAllowedError);
        const expected =
          who === 'nobody signed in'
            ? /permission platform\.[\w.]+ .*was denied/
            : new RegExp(`permission ${GATED_BY[id].replace(/\./g, '\\.')}`);
        expect(outcome!.message).toMatch(expected);
        expect(outputs).toEqual({});
      }
      expect(writesIn(sandbox)).toEqual(before);
    },
  );

  it.each(Object.keys(GATED_BY))(
    '%s lets a platform team member through in a dry run, so the refusals above come from the permission',
    async id => {
      const action = actions.find(a => a.id === id)!;
      const before = writesIn(sandbox);
      for (const input of exampleInputs(action)) {
        const { ctx } = contextFor(input, {
          user: userOf('alice', ['platform-team', 'team-payments']),
          isDryRun: true,
        });
        const outcome = await action.handler(ctx).then(
          () => undefined,
          (error: Error) => error,
        );
        expect(outcome).not.toBeInstanceOf(NotAllowedError);
      }
      // A dry run asks the API server with dryRun=All: requests, but no revision moves.
      expect(writesIn(sandbox).revisions).toEqual(before.revisions);
    },
  );
});
