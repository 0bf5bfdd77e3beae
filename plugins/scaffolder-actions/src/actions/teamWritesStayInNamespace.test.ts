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
import fc from 'fast-check';
import {
  actionSetup,
  contextFor,
  startTestSandbox,
} from '../__testUtils__/sandboxSupport';
import { createPlatformActions } from '.';

jest.setTimeout(90_000);

const CLUSTER = 'prod-eu-1';
const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,12}[a-z0-9]$/);

/** Valid requests of team-payments, with everything a template could choose. */
const REQUESTS: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  'platform:namespace:create': fc.record({
    namespace: label.map(l => `t-${l}`),
    size: fc.constantFrom('S', 'M', 'L'),
    allowSameNamespace: fc.boolean(),
    allowIngressFromGateway: fc.boolean(),
    allowDnsEgress: fc.boolean(),
  }),
  'platform:httproute:create': fc.record({
    namespace: fc.constant('payments'),
    name: label,
    hostnames: fc
      .array(
        label.map(l => `${l}.apps.example.internal`),
        { minLength: 1, maxLength: 3 },
      )
      .map(h => [...new Set(h)]),
    backends: fc.array(
      fc.record({
        service: label,
        port: fc.integer({ min: 1, max: 65535 }),
        weight: fc.integer({ min: 1, max: 100 }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    // Generated Services do not exist; where the route's writes land is the point.
    allowMissingBackends: fc.constant(true),
  }),
  'platform:certificate:create': fc.record({
    namespace: fc.constant('payments'),
    name: label,
    dnsNames: fc
      .array(
        label.map(l => `${l}.apps.example.internal`),
        { minLength: 1, maxLength: 3 },
      )
      .map(h => [...new Set(h)]),
    issuer: fc.constantFrom('letsencrypt-prod', 'letsencrypt-staging'),
  }),
  'platform:volume:create': fc.record({
    namespace: fc.constant('payments'),
    name: label,
    size: fc.integer({ min: 1, max: 500 }).map(n => `${n}Gi`),
    replicas: fc.constant(3),
  }),
  'platform:argocd:create-app': fc.record({
    namespace: fc.constant('payments'),
    name: label.map(l => `app-${l}`),
    repoPath: label.map(l => `team-payments/${l}`),
    path: fc.constantFrom('deploy', 'deploy/prod', '.'),
    targetRevision: fc.constantFrom('main', 'release/1.2', 'v1.0.0'),
  }),
};

describe('valid team requests write only inside the team namespace', () => {
  let sandbox: Sandbox;
  let actions: TemplateAction<any, any, any>[];

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    // Controllers do not run here: the waits give up at once, after the writes.
    actions = createPlatformActions(
      actionSetup(sandbox, { waitTimeoutSeconds: 0.01, pollIntervalMs: 1 }),
    ) as TemplateAction<any, any, any>[];
  });
  afterAll(() => sandbox.stop());

  it.each(Object.keys(REQUESTS))('%s', async id => {
    const action = actions.find(a => a.id === id)!;
    const store = sandbox.fleet.cluster(CLUSTER)!.store;
    let written = 0;
    await fc.assert(
      fc.asyncProperty(REQUESTS[id], async request => {
        const input: Record<string, unknown> = {
          cluster: CLUSTER,
          team: 'team-payments',
          ...request,
        };
        const namespace = input.namespace as string;
        const rv = store.resourceVersion;
        await action.handler(contextFor(input).ctx).catch(() => undefined);
        const changes = store.changesSince(rv);
        written += changes.length;
        for (const change of changes) {
          const { name, namespace: where, labels } = change.object.metadata;
          const inside =
            where === namespace ||
            (change.resource === 'namespaces' && name === namespace) ||
            (change.resource === 'applications.argoproj.io' &&
              where === 'argocd' &&
              labels?.['platform-portal.io/owner'] === 'team-payments');
          expect({
            resource: change.resource,
            namespace: where,
            name,
            inside,
          }).toEqual({
            resource: change.resource,
            namespace: where,
            name,
            inside: true,
          });
        }
      }),
      { numRuns: 15 },
    );
    // The requests were valid, so the property was checked on real writes.
    expect(written).toBeGreaterThanOrEqual(15);
  });
});
