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
import { createPlatformActions } from './actions';
import { checkTeamRepositoryAction } from './actions/team/checkTeamRepositoryAction';
import {
  ACTION_FAULTS,
  FAULT_CLASSES,
  FaultClass,
} from './__testUtils__/actionFaultExpectations';
import { exampleInputs } from './__testUtils__/exampleInputs';
import {
  actionSetup,
  contextFor,
  apiWritesSince,
  revisionsOf,
  startTestSandbox,
  userOf,
  whileTicking,
} from './__testUtils__/sandboxSupport';

jest.setTimeout(300_000);

describe('scaffolder actions under every fault of every upstream they call', () => {
  let sandbox: Sandbox;
  let actions: TemplateAction<any, any, any>[];
  let actionsWithShortDeadline: TemplateAction<any, any, any>[];

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    actions = createPlatformActions(
      actionSetup(sandbox, { requestTimeoutSeconds: 15 }),
    ) as TemplateAction<any, any, any>[];
    // A short deadline only where the API server hangs, so that case ends
    // quickly; the others keep a deadline a busy machine does not reach.
    actionsWithShortDeadline = createPlatformActions(
      actionSetup(sandbox, { requestTimeoutSeconds: 1 }),
    ) as TemplateAction<any, any, any>[];
  });
  afterAll(() => sandbox?.stop());

  it('has a row for every action the module registers, and every row an action', () => {
    // Built only for its id: the check never runs here.
    const checkRepository = checkTeamRepositoryAction({} as any);
    expect(Object.keys(ACTION_FAULTS).sort()).toEqual(
      [...actions.map(a => a.id), checkRepository.id].sort(),
    );
  });

  const cases = Object.entries(ACTION_FAULTS).flatMap(([id, upstreams]) =>
    Object.entries(upstreams).flatMap(([upstream, faults]) =>
      (Object.keys(faults) as FaultClass[]).map(
        fault => [id, upstream, fault, faults[fault]] as const,
      ),
    ),
  );

  it.each(cases)(
    '%s under %s %s: fails naming the cluster and its config key, writes nothing',
    async (id, upstream, fault, expected) => {
      const action = (
        fault === 'hang past the deadline' ? actionsWithShortDeadline : actions
      ).find(a => a.id === id)!;
      const [input] = exampleInputs(action);
      expect(input).toBeDefined();
      const before = revisionsOf(sandbox);
      sandbox.control.setBehaviour(
        { upstream: upstream as 'kubernetes' },
        FAULT_CLASSES[fault],
      );
      let error: Error | undefined;
      try {
        const { ctx } = contextFor(input, {
          user: userOf('alice', ['platform-team', 'team-payments']),
          isDryRun: false,
        });
        error = await whileTicking(sandbox, action.handler(ctx)).then(
          () => undefined,
          (e: Error) => e,
        );
      } finally {
        sandbox.control.resetBehaviour();
      }
      expect(error).toBeDefined();
      expect({ name: error!.name, message: error!.message }).toEqual({
        name: expected.error,
        message: expect.stringMatching(expected.says),
      });
      expect(error!.message).toMatch(/^Cluster [a-z0-9-]+: /);
      expect(error!.message).toMatch(/platform\.clusters\[\d+\]\.kubernetes/);
      // Said for a person: no stack frames, no file paths.
      expect(error!.message).not.toMatch(
        /\n\s+at |\/[\w.-]+\/[\w.-]+\.(js|ts)\b/,
      );
      expect(apiWritesSince(sandbox, before)).toEqual([]);
    },
  );
});
