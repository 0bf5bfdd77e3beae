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

import { kubeFetch } from './kubeFetch';
import { Sandbox } from './startSandbox';
import { controlCall, kubeCall, startTestSandbox } from './testSupport';

jest.setTimeout(30_000);

describe('control API', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });

  afterAll(async () => {
    await sandbox.stop();
  });

  afterEach(async () => {
    await controlCall(sandbox, 'DELETE', '/behaviour');
  });

  it.each([
    ['POST', '/faults', {}, 'cluster'],
    ['POST', '/faults', { cluster: 'nowhere', id: 'dex-down' }, 'cluster'],
    ['POST', '/faults', { cluster: 'mgmt', id: 'disk-on-fire' }, 'id'],
    ['POST', '/faults', { cluster: 'mgmt', id: 'dex-down', target: 7 }, 'target'],
    ['POST', '/faults', '{not json', 'body'],
    ['DELETE', '/faults?id=dex-down', undefined, 'cluster'],
    ['POST', '/behaviour', { errorRate: 2 }, 'errorRate'],
    ['POST', '/behaviour', { upstream: 'jenkins', latencyMs: 5 }, 'upstream'],
    ['POST', '/behaviour', { cluster: 'nowhere', hang: true }, 'cluster'],
    ['POST', '/behaviour', { errorStatus: 200 }, 'errorStatus'],
    ['POST', '/behaviour', { refuse: 'yes' }, 'refuse'],
    ['POST', '/behaviour', { latencyMs: 10, colour: 'red' }, 'colour'],
    ['POST', '/time/advance', { ms: -5 }, 'ms'],
    ['POST', '/time/advance', {}, 'ms'],
  ])('%s %s %j is a 400 naming %s', async (method, path, body, field) => {
    const { status, json } = await controlCall(sandbox, method, path, body);
    expect(status).toBe(400);
    expect(json.field).toBe(field);
    expect(json.error).toMatch(new RegExp(`^${field}: `));
  });

  it('answers unknown endpoints with 404 and wrong methods with 405', async () => {
    expect((await controlCall(sandbox, 'GET', '/nope')).status).toBe(404);
    expect((await controlCall(sandbox, 'PUT', '/faults')).status).toBe(405);
  });

  it('reports state: clusters with their scenario faults, simulated time, endpoints', async () => {
    const { status, json } = await controlCall(sandbox, 'GET', '/state');
    expect(status).toBe(200);
    expect(json.clusters.map((c: any) => c.name)).toEqual(['mgmt', 'prod-eu-1', 'prod-eu-2', 'staging-1', 'onprem-kubeadm-1', 'edge-rke2-1']);
    expect(json.clusters.find((c: any) => c.name === 'prod-eu-2').faults.map((f: any) => f.id)).toEqual(['longhorn-volume-degraded', 'certificate-renewal-stuck', 'argocd-app-out-of-sync', 'longhorn-volume-no-backup']);
    expect(json.endpoints.kubernetes['prod-eu-1']).toBe(sandbox.kubernetesUrl('prod-eu-1'));
    const before = Date.parse(json.now);
    const advanced = await controlCall(sandbox, 'POST', '/time/advance', { ms: 3_600_000 });
    expect(Date.parse(advanced.json.now) - before).toBeGreaterThanOrEqual(3_600_000);
  });

  it('injects and clears faults; an injected node fault shows on the node', async () => {
    const injected = await controlCall(sandbox, 'POST', '/faults', { cluster: 'onprem-kubeadm-1', id: 'node-memory-pressure', target: 'onprem-kubeadm-1-worker-2' });
    expect(injected.json.faults).toContainEqual({ id: 'node-memory-pressure', target: 'onprem-kubeadm-1-worker-2' });
    const node = await kubeCall(sandbox, 'onprem-kubeadm-1', '/api/v1/nodes/onprem-kubeadm-1-worker-2');
    expect(node.json.status.conditions.find((c: any) => c.type === 'MemoryPressure').status).toBe('True');
    expect(node.json.spec.taints).toContainEqual({ key: 'node.kubernetes.io/memory-pressure', effect: 'NoSchedule' });
    const cleared = await controlCall(sandbox, 'DELETE', '/faults?cluster=onprem-kubeadm-1&id=node-memory-pressure');
    expect(cleared.json.faults.map((f: any) => f.id)).not.toContain('node-memory-pressure');
    const healed = await kubeCall(sandbox, 'onprem-kubeadm-1', '/api/v1/nodes/onprem-kubeadm-1-worker-2');
    expect(healed.json.status.conditions.find((c: any) => c.type === 'MemoryPressure').status).toBe('False');
  });

  it('makes a cluster fail with the configured status, as a Kubernetes Status body, and counts requests', async () => {
    await controlCall(sandbox, 'DELETE', '/counters');
    const set = await controlCall(sandbox, 'POST', '/behaviour', { upstream: 'kubernetes', cluster: 'prod-eu-1', errorRate: 1, errorStatus: 503 });
    expect(set.status).toBe(200);
    const failing = await kubeCall(sandbox, 'prod-eu-1', '/api/v1/nodes');
    expect(failing.status).toBe(503);
    expect(failing.json).toMatchObject({ kind: 'Status', status: 'Failure', code: 503, reason: 'ServiceUnavailable' });
    const other = await kubeCall(sandbox, 'prod-eu-2', '/api/v1/nodes');
    expect(other.status).toBe(200);
    const counters = await controlCall(sandbox, 'GET', '/counters');
    expect(counters.json.byCluster['prod-eu-1']['kubernetes:list']).toBe(1);
    expect(counters.json.byCluster['prod-eu-2']['kubernetes:list']).toBe(1);
  });

  it('refuses connections when told to', async () => {
    await controlCall(sandbox, 'POST', '/behaviour', { cluster: 'staging-1', refuse: true });
    await expect(kubeCall(sandbox, 'staging-1', '/api/v1/nodes')).rejects.toThrow();
    await controlCall(sandbox, 'DELETE', '/behaviour');
    expect((await kubeCall(sandbox, 'staging-1', '/api/v1/nodes')).status).toBe(200);
  });

  it('routes only known mounts and clusters on the API port', async () => {
    expect((await fetch(`${sandbox.url}/`)).status).toBe(404);
    expect((await fetch(`${sandbox.url}/k8s/unknown/api/v1/nodes`)).status).toBe(404);
    expect((await fetch(`${sandbox.url}/jenkins/api/json`)).status).toBe(404);
    const health = await kubeFetch(sandbox, 'mgmt', `/readyz?verbose`);
    expect(health.status).toBe(200);
    expect((await health.text()).trim().split('\n').pop()).toBe('readyz check passed');
  });
});
