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

import { Sandbox } from '@platform-portal/platform-sandbox';
import {
  actionSetup,
  contextFor,
  revisionOf,
  startTestSandbox,
} from '../../__testUtils__/sandboxSupport';
import { createArgoCdAppAction } from './createArgoCdAppAction';

const CLUSTER = 'prod-eu-1';

describe('platform:argocd:create-app', () => {
  let sandbox: Sandbox;
  let setup: ReturnType<typeof actionSetup>;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(() => sandbox.stop());
  beforeEach(() => {
    setup = actionSetup(sandbox);
  });

  const store = () => sandbox.fleet.cluster(CLUSTER)!.store;
  const input = (name: string, extra: Record<string, unknown> = {}) => ({
    cluster: CLUSTER,
    namespace: 'payments',
    team: 'team-payments',
    name,
    repoPath: `team-payments/${name}`,
    ...extra,
  });

  it("creates an Application in the team's project that deploys into the team's namespace", async () => {
    const { ctx, outputs } = contextFor(
      input('checkout-api', {
        path: 'deploy/prod',
        targetRevision: 'release/1.2',
      }),
    );
    await createArgoCdAppAction(setup).handler(ctx);
    const app = store().get(
      'applications.argoproj.io',
      'argocd',
      'checkout-api',
    )!;
    expect(app.spec).toMatchObject({
      project: 'team-payments',
      source: {
        repoURL:
          'https://gitlab.apps.example.internal/team-payments/checkout-api.git',
        path: 'deploy/prod',
        targetRevision: 'release/1.2',
      },
      destination: {
        server: 'https://kubernetes.default.svc',
        namespace: 'payments',
      },
      syncPolicy: { automated: { prune: true, selfHeal: true } },
    });
    expect(outputs.argocdUrl).toBe(
      `${sandbox.url}/argocd/prod-eu-1/applications/argocd/checkout-api`,
    );
  });

  it('is a no-op when run twice', async () => {
    await createArgoCdAppAction(setup).handler(contextFor(input('twice')).ctx);
    const before = revisionOf(sandbox, CLUSTER);
    const { ctx, outputs } = contextFor(input('twice'));
    await createArgoCdAppAction(setup).handler(ctx);
    expect(revisionOf(sandbox, CLUSTER)).toBe(before);
    expect(outputs.objects).toEqual(['Application twice: unchanged']);
  });

  it("refuses other teams' repositories, traversal and existing Applications it does not manage", async () => {
    const before = revisionOf(sandbox, CLUSTER);
    const handler = createArgoCdAppAction(setup).handler;
    await expect(
      handler(
        contextFor(input('a', { repoPath: 'team-storefront/storefront-web' }))
          .ctx,
      ),
    ).rejects.toThrow(
      "repoPath: must be a project of the team's GitLab group team-payments/",
    );
    await expect(
      handler(contextFor(input('b', { path: '../../platform' })).ctx),
    ).rejects.toThrow('path: "../../platform" is not a relative path');
    await expect(
      handler(
        contextFor(input('c', { repoPath: 'https://evil.example/x' })).ctx,
      ),
    ).rejects.toThrow('repoPath');
    // The platform's own Application, created by the app-of-apps.
    await expect(
      handler(contextFor(input('payments-api')).ctx),
    ).rejects.toThrow(
      'Application "payments-api" already exists and is not managed for team-payments',
    );
    expect(revisionOf(sandbox, CLUSTER)).toBe(before);
  });

  it('dry run changes nothing', async () => {
    const before = revisionOf(sandbox, CLUSTER);
    const { ctx, logs } = contextFor(input('dry'), { isDryRun: true });
    await createArgoCdAppAction(setup).handler(ctx);
    expect(revisionOf(sandbox, CLUSTER)).toBe(before);
    expect(
      logs.some(l => l.includes('Would apply Application argocd/dry')),
    ).toBe(true);
  });
});
