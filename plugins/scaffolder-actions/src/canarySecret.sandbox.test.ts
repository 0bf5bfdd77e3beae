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

import { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { Sandbox } from '@platform-portal/platform-sandbox';
import { ConfigReader } from '@backstage/config';
import {
  ConfigClusterAccessService,
  readClusterConnections,
} from '@platform-portal/plugin-platform-node';
import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { readSelfServiceConfig } from './config/readSelfServiceConfig';
import { createPlatformActions } from './actions';
import {
  actionSetup,
  allTokens,
  contextFor,
  sandboxConfig,
  startTestSandbox,
  userOf,
  whileTicking,
} from './__testUtils__/sandboxSupport';
import { exampleInputs } from './__testUtils__/exampleInputs';

jest.setTimeout(600_000);

/** How the Kubernetes API misbehaves in the error runs, through the sandbox's control state. */
const FAULTS = [
  { errorRate: 1, errorStatus: 500 },
  { errorRate: 1, errorStatus: 401 },
  { errorRate: 1, errorStatus: 403 },
  { malformedJson: true },
  { refuse: true },
];

describe('canary secrets: no cluster token in an action output, log or error', () => {
  let sandbox: Sandbox;
  let actions: TemplateAction<any, any, any>[];
  /** Everything an action said: where, then what. */
  const said: Array<{ where: string; text: string }> = [];
  const canaries: string[] = [];

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    actions = createPlatformActions(actionSetup(sandbox)) as TemplateAction<
      any,
      any,
      any
    >[];
  });
  afterAll(() => sandbox?.stop());

  /** Runs one action as `user` and keeps its outputs, every log call with its fields, and its error. */
  async function run(
    where: string,
    action: TemplateAction<any, any, any>,
    input: Record<string, unknown>,
    options: { isDryRun: boolean; user: ReturnType<typeof userOf> },
  ) {
    const { ctx, outputs } = contextFor(input, options);
    for (const level of ['info', 'warn', 'error', 'debug'] as const) {
      const logged = ctx.logger[level].bind(ctx.logger);
      (ctx.logger as any)[level] = (...args: unknown[]) => {
        said.push({
          where: `${where} log`,
          text: inspect(args, { depth: 10 }),
        });
        return (logged as any)(...args);
      };
    }
    const error = await whileTicking(sandbox, action.handler(ctx)).then(
      () => undefined,
      (e: unknown) => e,
    );
    said.push({
      where: `${where} outputs`,
      text: inspect(outputs, { depth: 10 }),
    });
    if (error) {
      said.push({
        where: `${where} error`,
        text: inspect(error, { depth: 10 }),
      });
    }
    return error;
  }

  const alice = () => userOf('alice', ['platform-team', 'team-payments']);

  it('runs every action, dry and for real, then under every Kubernetes fault, then for a user it refuses', async () => {
    let failures = 0;
    for (const action of actions) {
      for (const [i, input] of exampleInputs(action).entries()) {
        const where = `${action.id} example ${i}`;
        for (const isDryRun of [true, false]) {
          await run(`${where} (dry run: ${isDryRun})`, action, input, {
            isDryRun,
            user: alice(),
          });
        }
        for (const fault of FAULTS) {
          sandbox.control.setBehaviour({ upstream: 'kubernetes' }, fault);
          try {
            const error = await run(
              `${where} under ${inspect(fault)}`,
              action,
              input,
              {
                isDryRun: false,
                user: alice(),
              },
            );
            failures += error ? 1 : 0;
          } finally {
            sandbox.control.resetBehaviour();
          }
        }
        await run(`${where} refused`, action, input, {
          isDryRun: false,
          user: userOf('mallory', []),
        });
      }
    }
    // The faults made actions fail, so their errors were searched too.
    expect(failures).toBeGreaterThan(actions.length);
  });

  it('runs every action with a canary for every cluster token, which the API servers refuse', async () => {
    const config = sandboxConfig(sandbox).get() as any;
    for (const cluster of config.platform.clusters) {
      cluster.kubernetes.token = `canary-token-${randomBytes(12).toString(
        'hex',
      )}`;
      cluster.kubernetes.writeToken = `canary-writetoken-${randomBytes(
        12,
      ).toString('hex')}`;
      canaries.push(cluster.kubernetes.token, cluster.kubernetes.writeToken);
    }
    const reader = new ConfigReader(config);
    const withCanaries = createPlatformActions({
      ...actionSetup(sandbox),
      clusters: new ConfigClusterAccessService(readClusterConnections(reader)),
      config: readSelfServiceConfig(reader),
    }) as TemplateAction<any, any, any>[];
    let failures = 0;
    for (const action of withCanaries) {
      for (const [i, input] of exampleInputs(action).entries()) {
        for (const isDryRun of [true, false]) {
          const error = await run(
            `${action.id} example ${i} with canary tokens (dry run: ${isDryRun})`,
            action,
            input,
            { isDryRun, user: alice() },
          );
          failures += error ? 1 : 0;
        }
      }
    }
    expect(failures).toBeGreaterThan(withCanaries.length);
  });

  it('found no token the sandbox handed out, nor a canary, in anything an action said', () => {
    const tokens = [...allTokens(sandbox), ...canaries];
    expect(tokens.length).toBeGreaterThan(sandbox.fleet.names().length * 2);
    const leaks = tokens.flatMap((token, t) =>
      said
        .filter(s => s.text.includes(token))
        .map(s => `token ${t} in ${s.where}`),
    );
    expect(leaks).toEqual([]);
    expect(said.some(s => s.where.endsWith('log'))).toBe(true);
  });
});
