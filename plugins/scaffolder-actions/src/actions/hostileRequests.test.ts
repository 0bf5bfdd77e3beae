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

import { mockServices } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import {
  ActionContext,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { Sandbox } from '@platform-portal/platform-sandbox';
import fc from 'fast-check';
import {
  actionSetup,
  revisionOf,
  startTestSandbox,
  userOf,
} from '../__testUtils__/sandboxSupport';
import { createPlatformActions } from '.';

const RUNS_PER_ACTION = 10_000;

jest.setTimeout(60_000);

type Field = { valid: fc.Arbitrary<unknown>; hostile: fc.Arbitrary<unknown> };

const LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

const anything = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...'aZ09-._/:*@%\n \\é'), maxLength: 80 }),
  fc.constantFrom(
    '',
    '..',
    '../kube-system',
    'kube-system\n',
    'a'.repeat(64),
    '${{ secrets.token }}',
    'https://evil.example',
  ),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 2 }),
  fc.object({ maxDepth: 1 }),
);

const notALabel = anything.filter(v => typeof v !== 'string' || !LABEL.test(v));
const notAHostList = fc.oneof(
  anything.filter(v => !Array.isArray(v)),
  fc.array(notALabel, { minLength: 1, maxLength: 3 }),
  fc.array(
    fc.constantFrom(
      'evil.example.com',
      '*.apps.example.internal',
      'apps.example.internal',
      'x.apps.example.internal.evil',
    ),
    { minLength: 1, maxLength: 2 },
  ),
);
const label = fc.stringMatching(/^[a-z][a-z0-9]{0,10}$/);

const team = {
  cluster: { valid: fc.constant('prod-eu-1'), hostile: notALabel },
  namespace: { valid: fc.constant('payments'), hostile: notALabel },
  team: { valid: fc.constant('team-payments'), hostile: notALabel },
};

/** For each action, how to build a valid and a hostile value of each field. */
const FIELDS: Record<string, Record<string, Field>> = {
  'platform:namespace:create': {
    ...team,
    namespace: { valid: label, hostile: notALabel },
    size: {
      valid: fc.constantFrom('S', 'M', 'L'),
      hostile: anything.filter(
        v => v !== 'S' && v !== 'M' && v !== 'L' && v !== undefined,
      ),
    },
    quota: {
      valid: fc.record({
        cpu: fc.integer({ min: 1, max: 64 }),
        memoryGi: fc.integer({ min: 1, max: 256 }),
      }),
      hostile: fc.oneof(
        anything.filter(
          v =>
            v !== undefined &&
            (typeof v !== 'object' || v === null || Array.isArray(v)),
        ),
        fc.record({
          cpu: fc.oneof(
            fc.integer({ min: 65 }),
            fc.integer({ max: 0 }),
            fc.double({ noInteger: true }),
            fc.string(),
          ),
          memoryGi: fc.constant(1),
        }),
        fc.record({
          cpu: fc.constant(1),
          memoryGi: fc.constant(1),
          'limits.cpu': fc.integer(),
        }),
      ),
    },
    allowDnsEgress: {
      valid: fc.boolean(),
      hostile: anything.filter(v => typeof v !== 'boolean' && v !== undefined),
    },
  },
  'platform:httproute:create': {
    ...team,
    name: { valid: label, hostile: notALabel },
    hostnames: {
      valid: label.map(l => [`${l}.apps.example.internal`]),
      hostile: notAHostList,
    },
    backends: {
      valid: fc.constant([{ service: 'payments-api', port: 8080 }]),
      hostile: fc.oneof(
        anything.filter(v => !Array.isArray(v) || v.length === 0),
        notALabel.map(service => [{ service, port: 8080 }]),
        fc
          .oneof(
            fc.integer({ max: 0 }),
            fc.integer({ min: 65536 }),
            fc.double({ noInteger: true }),
            fc.string(),
          )
          .map(port => [{ service: 'web', port }]),
      ),
    },
  },
  'platform:certificate:create': {
    ...team,
    name: { valid: label, hostile: notALabel },
    dnsNames: {
      valid: label.map(l => [`${l}.apps.example.internal`]),
      hostile: notAHostList,
    },
    issuer: {
      valid: fc.constant('letsencrypt-prod'),
      hostile: anything.filter(
        v =>
          v !== 'letsencrypt-prod' &&
          v !== 'letsencrypt-staging' &&
          v !== undefined,
      ),
    },
  },
  'platform:volume:create': {
    ...team,
    name: { valid: label, hostile: notALabel },
    size: {
      valid: fc.constantFrom('1Gi', '20Gi', '500Gi'),
      hostile: anything.filter(
        v =>
          typeof v !== 'string' ||
          !/^[1-9][0-9]{0,2}Gi$/.test(v) ||
          Number(v.slice(0, -2)) > 500,
      ),
    },
    replicas: {
      valid: fc.constant(3),
      hostile: anything.filter(v => v !== 3 && v !== undefined),
    },
  },
  'platform:argocd:create-app': {
    ...team,
    name: { valid: label, hostile: notALabel },
    repoPath: {
      valid: label.map(l => `team-payments/${l}`),
      hostile: fc
        .oneof(
          anything,
          label.map(l => `team-storefront/${l}`),
        )
        .filter(
          v =>
            typeof v !== 'string' || !/^team-payments\/[a-z][a-z0-9]*$/.test(v),
        ),
    },
    path: {
      valid: fc.constantFrom('deploy', 'deploy/prod'),
      hostile: fc
        .oneof(anything, fc.constantFrom('../x', '/etc', 'a/../../b', './x'))
        .filter(
          v =>
            v !== undefined &&
            v !== '.' &&
            (typeof v !== 'string' || !/^[a-z0-9]+(\/[a-z0-9]+)*$/.test(v)),
        ),
    },
  },
  'platform:cluster:scale': {
    cluster: { valid: fc.constant('prod-eu-1'), hostile: notALabel },
    pool: {
      valid: fc.constantFrom('workers', 'control-plane'),
      hostile: anything.filter(v => v !== 'workers' && v !== 'control-plane'),
    },
    replicas: {
      valid: fc.constant(5),
      hostile: fc.oneof(
        fc.integer({ max: -1 }),
        fc.integer({ min: 201 }),
        fc.double({ noInteger: true }),
        fc.string(),
        fc.constant(null),
      ),
    },
  },
  'platform:cluster:create': {
    name: { valid: label.map(l => `new-${l}`), hostile: notALabel },
    managementCluster: { valid: fc.constant('mgmt'), hostile: notALabel },
    environment: {
      valid: fc.constantFrom('staging', 'development'),
      hostile: anything.filter(
        v => v !== 'production' && v !== 'staging' && v !== 'development',
      ),
    },
    region: { valid: fc.constant('eu-central'), hostile: notALabel },
    version: {
      valid: fc.constant('v1.33.4'),
      hostile: anything.filter(
        v => typeof v !== 'string' || !/^v1\.\d+\.\d+$/.test(v),
      ),
    },
    controlPlaneReplicas: {
      valid: fc.constant(1),
      hostile: fc.oneof(
        fc.integer({ min: 8 }),
        fc.integer({ max: 0 }),
        fc.constantFrom(2, 4, 6),
        fc.string(),
        fc.constant(null),
      ),
    },
  },
  'platform:cluster:upgrade': {
    cluster: { valid: fc.constant('staging-1'), hostile: notALabel },
    version: {
      valid: fc.constant('v1.33.4'),
      hostile: anything.filter(
        v => typeof v !== 'string' || !/^v1\.\d+\.\d+$/.test(v),
      ),
    },
  },
};

/** A request with at least one hostile field, the others valid. */
function hostileRequest(fields: Record<string, Field>) {
  const names = Object.keys(fields);
  return fc
    .subarray(names, { minLength: 1 })
    .chain(hostileNames =>
      fc.record(
        Object.fromEntries(
          names.map(n => [
            n,
            hostileNames.includes(n) ? fields[n].hostile : fields[n].valid,
          ]),
        ),
      ),
    );
}

describe('hostile requests never write anything', () => {
  let sandbox: Sandbox;
  let actions: TemplateAction<any, any, any>[];
  const logger = mockServices.logger.mock();
  const user = userOf('alice', ['platform-team', 'team-payments']);

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    actions = createPlatformActions(actionSetup(sandbox)) as TemplateAction<
      any,
      any,
      any
    >[];
  });
  afterAll(() => sandbox.stop());

  const clusters = ['mgmt', 'prod-eu-1', 'staging-1'];
  const revisions = () => clusters.map(c => revisionOf(sandbox, c));

  function contextOf(input: Record<string, unknown>): ActionContext<any, any> {
    return {
      input,
      logger,
      workspacePath: '/nonexistent',
      checkpoint: async ({ fn }: { fn: () => Promise<unknown> }) => fn(),
      output: () => {},
      createTemporaryDirectory: async () => {
        throw new Error('not used');
      },
      getInitiatorCredentials: async () => ({
        $$type: '@backstage/BackstageCredentials',
        principal: { type: 'user', userEntityRef: 'user:default/alice' },
      }),
      task: { id: 'hostile' },
      user: { entity: user, ref: 'user:default/alice' },
    } as unknown as ActionContext<any, any>;
  }

  it.each(Object.keys(FIELDS))(
    '%s rejects every hostile request with an InputError and writes nothing',
    async id => {
      const action = actions.find(a => a.id === id)!;
      const before = revisions();
      await fc.assert(
        fc.asyncProperty(hostileRequest(FIELDS[id]), async input => {
          const outcome = await action.handler(contextOf(input)).then(
            () => undefined,
            (error: unknown) => error,
          );
          expect(outcome).toBeInstanceOf(InputError);
        }),
        { numRuns: RUNS_PER_ACTION },
      );
      expect(revisions()).toEqual(before);
    },
  );

  const foreignNamespaces = fc.constantFrom(
    'storefront',
    'kube-system',
    'default',
    'argocd',
    'traefik',
    'cert-manager',
    'longhorn-system',
    'backstage',
  );

  it.each(
    Object.keys(FIELDS).filter(id => !id.startsWith('platform:cluster:')),
  )('%s never writes into a namespace the team does not own', async id => {
    const action = actions.find(a => a.id === id)!;
    const teamUser = userOf('pat', ['team-payments']);
    const before = revisions();
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          Object.fromEntries(
            Object.entries(FIELDS[id]).map(([n, f]) => [n, f.valid]),
          ),
        ),
        foreignNamespaces,
        async (valid, namespace) => {
          const ctx = contextOf({ ...valid, namespace });
          ctx.user = { entity: teamUser, ref: 'user:default/pat' };
          await expect(action.handler(ctx)).rejects.toThrow(
            /belongs to team-storefront|is not a team namespace|reserved for Kubernetes/,
          );
        },
      ),
      { numRuns: 100 },
    );
    expect(revisions()).toEqual(before);
  });
});
