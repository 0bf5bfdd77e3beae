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

import { createServiceFactory } from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  createUpstreamSimulators,
  defaultFleet,
  Sandbox,
  startSandbox,
} from '@platform-portal/platform-sandbox';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { NamespacedKubernetesReader } from '../clients/kubernetes/NamespacedKubernetesReader';
import { platformPlugin } from '../plugin';
import { exampleEntities } from '../__testUtils__/exampleEntities';
import { sandboxPlatformConfig } from '../__testUtils__/sandboxPlatformConfig';
import { signInUserInfo } from '../__testUtils__/signInUserInfo';

jest.setTimeout(60_000);

const HEIDI = 'user:default/heidi'; // team-payments
const JUDY = 'user:default/judy'; // team-storefront
const WORKLOADS = '/api/platform/workloads/default/component/payments-api';

async function startBackend(sandbox: Sandbox) {
  const entities = exampleEntities();
  const catalog = catalogServiceMock.mock({
    async getEntityByRef(ref: string | CompoundEntityRef) {
      const wanted = typeof ref === 'string' ? parseEntityRef(ref) : ref;
      return entities.find(
        e =>
          e.kind.toLowerCase() === wanted.kind.toLowerCase() &&
          (e.metadata.namespace ?? 'default') === wanted.namespace &&
          e.metadata.name === wanted.name,
      );
    },
  });
  return startTestBackend({
    features: [
      platformPlugin,
      catalog.factory,
      // Sign-in claims carry the groups, as the portal's resolver issues them.
      signInUserInfo(entities),
      createServiceFactory({
        service: actionsRegistryServiceRef,
        deps: {},
        factory: () => actionsRegistryServiceMock(),
      }),
      mockServices.scheduler.mock().factory,
      mockServices.rootConfig.factory({ data: sandboxPlatformConfig(sandbox) }),
    ],
  });
}

describe('workload troubleshooting against the sandbox', () => {
  let sandbox: Sandbox;
  let server: any;
  let stop: () => Promise<void>;
  const get = (url: string, user = HEIDI) =>
    request(server)
      .get(url)
      .set('Authorization', mockCredentials.user.header(user));
  let answer: any;
  const cluster = (name: string) =>
    answer.clusters.find((c: any) => c.cluster === name);
  const finding = (on: string, kind: string) =>
    cluster(on).findings.find((f: any) => f.kind === kind);

  beforeAll(async () => {
    sandbox = await startSandbox({
      fleet: defaultFleet(),
      port: 0,
      controlPort: 0,
      upstreams: createUpstreamSimulators,
      realTimeTicks: false,
    });
    const backend = await startBackend(sandbox);
    server = backend.server;
    stop = () => backend.stop();
    answer = (await get(WORKLOADS)).body;
  });

  afterAll(async () => {
    await stop?.();
    await sandbox?.stop();
  });

  it('shows every cluster where payments-api runs, its rollouts, pods and events newest first, troubled clusters first', () => {
    expect(answer).toMatchObject({
      configured: true,
      namespace: 'payments',
      selector: 'backstage.io/kubernetes-id=payments-api',
      clusterErrors: [],
      hiddenClusters: 0,
    });
    expect(answer.clusters.map((c: any) => c.cluster)).toEqual([
      'staging-1',
      'prod-eu-2',
      'prod-eu-1',
    ]);
    expect(cluster('prod-eu-1').findings).toEqual([]);
    expect(cluster('prod-eu-1').workloads).toEqual([
      expect.objectContaining({
        kind: 'Deployment',
        name: 'payments-api',
        desired: 3,
        ready: 3,
        state: 'complete',
      }),
    ]);
    const pods = cluster('staging-1').pods;
    expect(pods).toHaveLength(3);
    expect(
      pods.every((p: any) => p.workload === 'Deployment/payments-api'),
    ).toBe(true);
    const events = cluster('staging-1').events;
    expect(events.length).toBeGreaterThan(0);
    const seen = events.map((e: any) => e.lastSeen);
    expect(seen).toEqual([...seen].sort().reverse());
    expect(events.map((e: any) => e.reason)).toEqual(
      expect.arrayContaining(['BackOff', 'Failed']),
    );
  });

  it("finds the crash loop with the previous container's last lines", () => {
    const crash = finding('staging-1', 'crash-loop');
    expect(crash).toMatchObject({
      severity: 'error',
      container: 'payments-api',
    });
    expect(crash.cause).toContain('last exit code 1, Error');
    expect(crash.cause).toContain('17 restarts');
    expect(crash.evidence).toHaveLength(10);
    expect(crash.evidence[9]).toContain('level=fatal');
  });

  it("finds the OOM kill with the memory limit and the container's peak from Prometheus", async () => {
    const oom = finding('staging-1', 'oom-killed');
    expect(oom.cause).toContain('more memory than its limit (512Mi)');
    // The peak is what the sandbox's Prometheus holds for that container
    // (cAdvisor's working set), and a container killed for memory reached its limit.
    const prometheus =
      sandboxPlatformConfig(sandbox).platform.upstreams.prometheus;
    const selector = `cluster="staging-1",namespace="payments",pod="${oom.object.replace(
      'Pod/',
      '',
    )}",container="${oom.container}"`;
    const query = new URLSearchParams({
      query: `max(max_over_time(container_memory_working_set_bytes{${selector}}[1h]))`,
    });
    const read = await fetch(`${prometheus.url}/api/v1/query?${query}`, {
      headers: { 'X-Scope-OrgID': prometheus.tenant },
      signal: AbortSignal.timeout(10_000),
    }).then(r => r.json());
    const peak = Number(read.data.result[0].value[1]);
    expect(oom.cause).toContain(
      `Its memory peaked at ${Math.round(peak / 2 ** 20)}Mi in the last hour.`,
    );
    expect(oom.cause).toMatch(/its limit \((\d+Mi)\).*peaked at \1 /);
    expect(oom.nextStep).toContain('resources.limits.memory');
  });

  it('finds the failing pull and says the tag is in Nexus, so the registry refused', () => {
    const pull = finding('staging-1', 'image-pull');
    expect(pull.cause).toContain(
      'registry.apps.example.internal/team-payments/payments-api:1.5.0',
    );
    expect(pull.cause).toContain(
      'Tag 1.5.0 of team-payments/payments-api exists in Nexus',
    );
    expect(pull.nextStep).toContain('imagePullSecrets');
  });

  it("finds the unschedulable pod with the scheduler's reason", () => {
    const pending = finding('prod-eu-2', 'unschedulable');
    expect(pending.cause).toMatch(
      /^The scheduler cannot place the pod on any node: 0\/\d+ nodes are available: \d+ Insufficient memory/,
    );
    expect(pending.nextStep).toContain('resources.requests');
  });

  it('hides the clusters from a person of another team, though the catalog shows them the component', async () => {
    const res = await get(WORKLOADS, JUDY);
    expect(res.status).toBe(200);
    expect(res.body.clusters).toEqual([]);
    // The payments namespace is team-payments' on all six clusters.
    expect(res.body.hiddenClusters).toBe(6);
    const log = await get(
      `${WORKLOADS}/logs?cluster=prod-eu-1&pod=${
        cluster('prod-eu-1').pods[0].name
      }&container=payments-api`,
      JUDY,
    );
    expect(log.status).toBe(404);
  });

  it("400 naming the field for bad log parameters, 404 for a pod that is not the entity's", async () => {
    const pod = cluster('prod-eu-1').pods[0].name;
    const base = `${WORKLOADS}/logs?cluster=prod-eu-1&container=payments-api`;
    const missing = await get(base);
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('pod');
    const tail = await get(`${base}&pod=${pod}&tailLines=lots`);
    expect(tail.status).toBe(400);
    expect(tail.body.error.message).toContain("'tailLines'");
    const container = await get(
      `${WORKLOADS}/logs?cluster=prod-eu-1&pod=${pod}&container=sidecar`,
    );
    expect(container.status).toBe(400);
    expect(container.body.error.message).toContain("'container'");
    const foreign = await get(`${base}&pod=cilium-abcde`);
    expect(foreign.status).toBe(404);
  });

  it("serves the previous container's log, downloads, and says why a waiting container has none", async () => {
    const pods = cluster('staging-1').pods;
    const crashing = pods.find(
      (p: any) => p.containers[0].reason === 'CrashLoopBackOff',
    );
    const previous = await get(
      `${WORKLOADS}/logs?cluster=staging-1&pod=${crashing.name}&container=payments-api&previous=true&tailLines=2&download=true`,
    );
    expect(previous.status).toBe(200);
    expect(previous.headers['content-type']).toContain('text/plain');
    expect(previous.headers['content-disposition']).toBe(
      `attachment; filename="staging-1-${crashing.name}-payments-api-previous.log"`,
    );
    const lines = previous.text.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('level=fatal');

    const pulling = pods.find(
      (p: any) => p.containers[0].reason === 'ImagePullBackOff',
    );
    const waiting = await get(
      `${WORKLOADS}/logs?cluster=staging-1&pod=${pulling.name}&container=payments-api`,
    );
    expect(waiting.status).toBe(409);
    expect(waiting.body.error.message).toContain(
      'is waiting to start: trying and failing to pull image',
    );
  });

  it('follows a running container through the backend and stops the upstream stream when the client goes away', async () => {
    const podLog = jest.spyOn(NamespacedKubernetesReader.prototype, 'podLog');
    const pod = cluster('prod-eu-1').pods[0].name;
    const { port } = server.address() as AddressInfo;
    const abort = new AbortController();
    const res = await fetch(
      `http://127.0.0.1:${port}${WORKLOADS}/logs?cluster=prod-eu-1&pod=${pod}&container=payments-api&follow=true&tailLines=1`,
      {
        headers: { Authorization: mockCredentials.user.header(HEIDI) },
        signal: abort.signal,
      },
    );
    expect(res.status).toBe(200);
    const body = res.body!.getReader();
    let text = '';
    while (text.split('\n').filter(Boolean).length < 2) {
      const { value } = await body.read();
      text += Buffer.from(value!).toString('utf8');
    }
    // The tail line, then at least one written after the request began.
    expect(text.split('\n').filter(Boolean).length).toBeGreaterThanOrEqual(2);
    const upstreamSignal = podLog.mock.calls.find(
      ([, , options]) => options.follow,
    )![3]!;
    expect(upstreamSignal.aborted).toBe(false);
    abort.abort();
    while (!upstreamSignal.aborted) {
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    expect(upstreamSignal.aborted).toBe(true);
    podLog.mockRestore();
  });
});
