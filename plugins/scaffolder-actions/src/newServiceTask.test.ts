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
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleScaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import {
  appConfigYaml,
  createUpstreamSimulators,
  defaultFleet,
  Sandbox,
  startSandbox,
} from '@platform-portal/platform-sandbox';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { parse, stringify } from 'yaml';
import { sandboxConfig, whileTicking } from './__testUtils__/sandboxSupport';
import { scaffolderModuleTrustedGitlab } from './gitlab/scaffolderModuleTrustedGitlab';
import { scaffolderModule } from './module';

jest.setTimeout(240_000);

const ROOT = path.resolve(__dirname, '../../..');
const TEMPLATE = path.join(ROOT, 'templates/new-service/template.yaml');
/** The portal's own catalog settings, so the test runs what `make start` runs. */
const PORTAL_CATALOG = parse(
  fs.readFileSync(path.join(ROOT, 'app-config.yaml'), 'utf8'),
).catalog;
const AUTH = mockCredentials.user.header('user:default/pat');

/** Polls until `check` returns a value, for conditions the catalog reaches on its own time. */
async function eventually<T>(
  check: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 90_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}

/** `git clone` with the real CLI and no configuration from the machine. */
function gitClone(url: string, dir: string): Promise<void> {
  return new Promise((resolve, reject) =>
    execFile(
      'git',
      ['-c', 'credential.helper=', 'clone', '--quiet', url, dir],
      {
        timeout: 60_000,
        env: {
          PATH: process.env.PATH,
          HOME: dir,
          GIT_CONFIG_NOSYSTEM: '1',
          GIT_TERMINAL_PROMPT: '0',
        },
      },
      (error, _stdout, stderr) =>
        error ? reject(new Error(`git clone failed: ${stderr}`)) : resolve(),
    ),
  );
}

function filesUnder(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    if (entry.name === '.git') return [];
    const full = path.join(dir, entry.name);
    return entry.isDirectory()
      ? filesUnder(full, base)
      : [path.relative(base, full)];
  });
}

describe('new-service template as a real scaffolder task against the sandbox', () => {
  let sandbox: Sandbox;
  let server: Parameters<typeof request>[0];
  let work: string;
  let gitlabHost: string;

  beforeAll(async () => {
    // The whole fleet with its upstreams: GitLab and ArgoCD as well as the clusters.
    sandbox = await startSandbox({
      fleet: defaultFleet(),
      realTimeTicks: false,
      upstreams: createUpstreamSimulators,
    });
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'new-service-task-'));
    const org = path.join(work, 'org.yaml');
    fs.writeFileSync(
      org,
      [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Group',
          metadata: { name: 'team-payments' },
          spec: { type: 'team', children: [] },
        },
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'User',
          metadata: { name: 'pat' },
          spec: { memberOf: ['team-payments'] },
        },
      ]
        .map(entity => stringify(entity))
        .join('---\n'),
    );
    gitlabHost = new URL(sandbox.url).host;
    // What `make start` gives the portal: the GitLab integration and base URL.
    const generated = parse(appConfigYaml(sandbox));
    const portalConfig = sandboxConfig(sandbox, {
      argocd: generated.platform.selfService.argocd,
    }).get() as Record<string, any>;
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleScaffolderEntityModel,
        scaffolderPlugin,
        scaffolderModuleTrustedGitlab,
        scaffolderModule,
        mockServices.rootConfig.factory({
          data: {
            ...portalConfig,
            integrations: generated.integrations,
            platform: {
              ...portalConfig.platform,
              // As `make start` has it: each GitLab group's team, Grafana's address.
              catalog: generated.platform.catalog,
              links: generated.platform.links,
            },
            catalog: {
              rules: [{ allow: ['Component', 'Group', 'User', 'Template'] }],
              locations: [
                { type: 'file', target: org },
                { type: 'file', target: TEMPLATE },
              ],
              defaultLocationConflictStrategy:
                PORTAL_CATALOG.defaultLocationConflictStrategy,
            },
          },
        }),
      ],
    });
    server = backend.server;
    await catalogEntity('template/default/platform-new-service');
    await catalogEntity('user/default/pat');
  });

  /** Waits until the catalog has processed and stitched an entity. */
  function catalogEntity(ref: string) {
    return eventually(async () => {
      const res = await request(server)
        .get(`/api/catalog/entities/by-name/${ref}`)
        .set('Authorization', AUTH);
      return res.status === 200 ? res.body : undefined;
    }, `${ref} in the catalog`);
  }

  afterAll(async () => {
    await sandbox?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  async function runTask(values: Record<string, unknown>) {
    const created = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', AUTH)
      .send({ templateRef: 'template:default/platform-new-service', values });
    expect(created.status).toBe(201);
    const status = await whileTicking(
      sandbox,
      eventually(
        async () => {
          const task = await request(server)
            .get(`/api/scaffolder/v2/tasks/${created.body.id}`)
            .set('Authorization', AUTH);
          return ['completed', 'failed', 'cancelled'].includes(task.body.status)
            ? (task.body.status as string)
            : undefined;
        },
        'the task to finish',
        180_000,
      ),
    );
    const events = await request(server)
      .get(`/api/scaffolder/v2/tasks/${created.body.id}/events`)
      .set('Authorization', AUTH);
    type Event = {
      type: string;
      body: {
        message?: string;
        stepId?: string;
        status?: string;
        output?: any;
      };
    };
    const log: Event[] = events.body;
    return {
      status,
      failedSteps: log
        .filter(e => e.body.status === 'failed')
        .map(e => `${e.body.stepId}: ${e.body.message}`),
      completedSteps: log
        .filter(e => e.body.status === 'completed')
        .map(e => e.body.stepId),
      output: log.find(e => e.type === 'completion')?.body.output ?? {},
      messages: log.map(e => e.body.message ?? ''),
    };
  }

  const values = () => ({
    name: 'checkout',
    description: 'Checkout service',
    owner: 'group:default/team-payments',
    repoUrl: `${gitlabHost}?owner=team-payments&repo=checkout`,
    cluster: 'resource:default/prod-eu-1',
    size: 'S',
    hostname: 'checkout.apps.example.internal',
    port: 8080,
  });

  /** What the task left behind: cluster objects by identity, and the project's history. */
  async function outcome() {
    const store = sandbox.fleet.cluster('prod-eu-1')!.store;
    const identity = (o: any) =>
      o && { uid: o.metadata.uid, generation: o.metadata.generation };
    const commits = await fetch(
      `${sandbox.url}/gitlab/api/v4/projects/team-payments%2Fcheckout/repository/commits`,
      { headers: { 'PRIVATE-TOKEN': sandbox.credentials.gitlabToken } },
    );
    return {
      namespace: identity(store.get('namespaces', undefined, 'checkout')),
      route: identity(
        store.get(
          'httproutes.gateway.networking.k8s.io',
          'checkout',
          'checkout',
        ),
      ),
      certificate: identity(
        store.get('certificates.cert-manager.io', 'checkout', 'checkout'),
      ),
      application: identity(
        store.get('applications.argoproj.io', 'argocd', 'checkout'),
      ),
      commits: ((await commits.json()) as Array<{ id: string }>).map(c => c.id),
    };
  }

  it('creates the project with the skeleton, the cluster objects and the catalog entity, and a retry changes nothing', async () => {
    const first = await runTask(values());
    expect({ status: first.status, failed: first.failedSteps }).toEqual({
      status: 'completed',
      failed: [],
    });
    expect(first.completedSteps).toEqual([
      'fetch',
      'check',
      'publish',
      'namespace',
      'route',
      'certificate',
      'argocd',
      'register',
    ]);
    const repository = `${sandbox.url}/gitlab/team-payments/checkout`;
    expect(first.output.links).toEqual(
      expect.arrayContaining([
        { title: 'Repository', url: repository },
        {
          title: 'Open in catalog',
          icon: 'catalog',
          entityRef: 'component:default/checkout',
        },
      ]),
    );

    // Every output link with an address opens a page (Argo CD and Grafana in the sandbox).
    const addressed = (
      first.output.links as Array<{ title: string; url?: string }>
    ).filter(link => link.url && !link.url.startsWith('https://'));
    expect(addressed.map(link => link.title)).toEqual(
      expect.arrayContaining([
        'Repository',
        'ArgoCD application',
        'Namespace dashboard',
      ]),
    );
    const opened = await Promise.all(
      addressed.map(async link => ({
        link: link.title,
        status: (await fetch(link.url!)).status,
      })),
    );
    expect(opened).toEqual(
      addressed.map(link => ({ link: link.title, status: 200 })),
    );

    // The skeleton is in GitLab, as a git client sees it.
    const clone = path.join(work, 'clone');
    const url = new URL(`${repository}.git`);
    url.username = 'oauth2';
    url.password = sandbox.credentials.gitlabToken;
    await gitClone(url.toString(), clone);
    expect(filesUnder(clone).sort()).toEqual(
      expect.arrayContaining([
        '.gitlab-ci.yml',
        'Dockerfile',
        'catalog-info.yaml',
        'deploy/deployment.yaml',
        'deploy/kustomization.yaml',
        'deploy/service.yaml',
      ]),
    );
    expect(
      fs.readFileSync(path.join(clone, 'catalog-info.yaml'), 'utf8'),
    ).toContain('gitlab.com/project-slug: team-payments/checkout');

    // The cluster objects exist, and ArgoCD's source is the pushed repository.
    const store = sandbox.fleet.cluster('prod-eu-1')!.store;
    const application = store.get(
      'applications.argoproj.io',
      'argocd',
      'checkout',
    ) as any;
    expect(application.spec.source).toMatchObject({
      repoURL: `${repository}.git`,
      path: 'deploy',
      targetRevision: 'main',
    });
    expect(fs.existsSync(path.join(clone, application.spec.source.path))).toBe(
      true,
    );
    const before = await outcome();
    expect(before).toMatchObject({
      namespace: { uid: expect.any(String) },
      route: { uid: expect.any(String) },
      certificate: { uid: expect.any(String) },
      application: { uid: expect.any(String) },
    });
    expect(before.commits).toHaveLength(1);

    // The catalog read catalog-info.yaml back from GitLab.
    const entity = await catalogEntity('component/default/checkout');
    expect(entity.metadata.annotations).toMatchObject({
      'gitlab.com/project-slug': 'team-payments/checkout',
      'backstage.io/managed-by-location': `url:${repository}/-/blob/main/catalog-info.yaml`,
    });

    // The scaffolder runs a task again after a restart: same state, no error.
    const second = await runTask(values());
    expect({ status: second.status, failed: second.failedSteps }).toEqual({
      status: 'completed',
      failed: [],
    });
    expect(second.completedSteps).toEqual(first.completedSteps);
    expect(
      second.messages.some(m =>
        m.includes('Repo checkout already exists in namespace team-payments.'),
      ),
    ).toBe(true);
    expect(second.output.links).toEqual(first.output.links);
    expect(await outcome()).toEqual(before);

    const everything = JSON.stringify([first, second]);
    expect(everything).not.toContain(sandbox.credentials.gitlabToken);
  });

  it("stops before publishing when the project is outside the team's GitLab group, before GitLab or the cluster is touched", async () => {
    const result = await runTask({
      ...values(),
      name: 'orphan',
      hostname: 'orphan.apps.example.internal',
      repoUrl: `${gitlabHost}?owner=no-such-group&repo=orphan`,
    });
    expect(result.status).toBe('failed');
    expect(result.failedSteps).toEqual([
      expect.stringContaining(
        'check: NotAllowedError: repoUrl: no-such-group/orphan is not in a GitLab group of team-payments (platform.catalog.locationOwners)',
      ),
    ]);
    const store = sandbox.fleet.cluster('prod-eu-1')!.store;
    expect(store.get('namespaces', undefined, 'orphan')).toBeUndefined();
  });
});
