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
import { kubeCall, startTestSandbox } from './testSupport';

jest.setTimeout(30_000);

const PODS = '/api/v1/namespaces/payments/pods?labelSelector=app.kubernetes.io%2Fname%3Dpayments-api';

// The default scenario gives payments-api one pod of each kind of trouble:
// on staging-1 a crash-looping, an OOM-killed and an image-pull-failing pod,
// on prod-eu-2 one the scheduler cannot place.
describe("payments-api's troubled pods", () => {
  let sandbox: Sandbox;
  const reader = (cluster: string) => ({ token: sandbox.credentials.kubernetes[cluster].reader });
  const waitingReason = (p: any) => p.status.containerStatuses?.[0]?.state?.waiting?.reason;
  const podsOn = async (cluster: string) => (await kubeCall(sandbox, cluster, PODS, reader(cluster))).json.items as any[];
  const logOf = (cluster: string, pod: string, query: string) =>
    kubeCall(sandbox, cluster, `/api/v1/namespaces/payments/pods/${pod}/log?${query}`, reader(cluster));

  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });

  afterAll(async () => {
    await sandbox.stop();
  });

  it('reports each problem as the kubelet and the scheduler would', async () => {
    const staging = await podsOn('staging-1');
    const crashing = staging.find(p => waitingReason(p) === 'CrashLoopBackOff');
    expect(crashing.status.containerStatuses[0]).toMatchObject({ restartCount: 17, lastState: { terminated: { reason: 'Error', exitCode: 1 } } });
    const oom = staging.find(p => p.status.containerStatuses?.[0]?.lastState?.terminated?.reason === 'OOMKilled');
    expect(oom.status.containerStatuses[0]).toMatchObject({ ready: true, restartCount: 4, lastState: { terminated: { exitCode: 137 } } });
    const pulling = staging.find(p => waitingReason(p) === 'ImagePullBackOff');
    expect(pulling.status.phase).toBe('Pending');
    expect(pulling.status.containerStatuses[0].state.waiting.message).toContain('401 Unauthorized');

    const pending = (await podsOn('prod-eu-2')).find(p => p.status.phase === 'Pending');
    expect(pending.spec.nodeName).toBeUndefined();
    expect(pending.status.containerStatuses).toBeUndefined();
    expect(pending.status.conditions).toEqual([
      expect.objectContaining({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: expect.stringMatching(/^0\/\d+ nodes are available: \d+ Insufficient memory\./) }),
    ]);

    const events = await kubeCall(sandbox, 'staging-1', '/api/v1/namespaces/payments/events', reader('staging-1'));
    const about = (pod: any) => events.json.items.filter((e: any) => e.involvedObject.name === pod.metadata.name).map((e: any) => e.reason);
    expect(about(crashing)).toContain('BackOff');
    expect(about(pulling)).toEqual(expect.arrayContaining(['Failed', 'BackOff']));
    const scheduling = await kubeCall(sandbox, 'prod-eu-2', '/api/v1/namespaces/payments/events', reader('prod-eu-2'));
    expect(scheduling.json.items.find((e: any) => e.involvedObject.name === pending.metadata.name)).toMatchObject({ reason: 'FailedScheduling', type: 'Warning', source: { component: 'default-scheduler' } });
  });

  it("serves the previous container's log, and refuses logs as the kubelet does", async () => {
    const staging = await podsOn('staging-1');
    const crashing = staging.find(p => waitingReason(p) === 'CrashLoopBackOff');
    const previous = await logOf('staging-1', crashing.metadata.name, 'previous=true&tailLines=2');
    expect(previous.status).toBe(200);
    expect(previous.text.trim().split('\n')[1]).toContain('level=fatal');

    const oom = staging.find(p => p.status.containerStatuses?.[0]?.lastState?.terminated?.reason === 'OOMKilled');
    const beforeKill = await logOf('staging-1', oom.metadata.name, 'previous=true&tailLines=1');
    expect(beforeKill.text).toContain('heap usage high');
    const now = await logOf('staging-1', oom.metadata.name, 'tailLines=1');
    expect(now.text).not.toContain('heap usage high');

    const pulling = staging.find(p => waitingReason(p) === 'ImagePullBackOff');
    const waiting = await logOf('staging-1', pulling.metadata.name, '');
    expect(waiting.status).toBe(400);
    expect(waiting.json.message).toBe(`container "payments-api" in pod "${pulling.metadata.name}" is waiting to start: trying and failing to pull image`);

    const healthy = (await podsOn('prod-eu-1'))[0];
    const none = await kubeCall(sandbox, 'prod-eu-1', `/api/v1/namespaces/payments/pods/${healthy.metadata.name}/log?previous=true`, reader('prod-eu-1'));
    expect(none.status).toBe(400);
    expect(none.json.message).toBe(`previous terminated container "payments-api" in pod "${healthy.metadata.name}" not found`);

    const pending = (await podsOn('prod-eu-2')).find(p => p.status.phase === 'Pending');
    const empty = await logOf('prod-eu-2', pending.metadata.name, '');
    expect(empty.status).toBe(200);
    expect(empty.text).toBe('');
  });

  it('follows a running container: the log so far, then new lines, until the client goes away', async () => {
    const healthy = (await podsOn('prod-eu-1'))[0];
    const abort = new AbortController();
    const res = await kubeFetch(sandbox, 'prod-eu-1', `/api/v1/namespaces/payments/pods/${healthy.metadata.name}/log?follow=true&tailLines=1`, {
      headers: { Authorization: `Bearer ${reader('prod-eu-1').token}` },
      signal: abort.signal,
    });
    expect(res.status).toBe(200);
    const stream = res.body!.getReader();
    let text = '';
    while (text.split('\n').length < 3) {
      const { value } = await stream.read();
      text += Buffer.from(value!).toString('utf8');
    }
    expect(text.split('\n').filter(Boolean).length).toBeGreaterThanOrEqual(2);
    abort.abort();
    await expect(stream.read()).rejects.toThrow();
  });
});
