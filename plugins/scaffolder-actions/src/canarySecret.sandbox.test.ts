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
import { inspect } from 'node:util';
import { createPlatformActions } from './actions';
import {
  actionSetup,
  allTokens,
  contextFor,
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

  it('found no token the sandbox handed out in anything an action said', () => {
    const tokens = allTokens(sandbox);
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
