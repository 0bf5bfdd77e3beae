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

import { checkContext, node } from '../../__testUtils__/checkContext';
import { hardwareChecks } from './hardware';
import { provisioningChecks } from './provisioning';

const byId = (id: string) =>
  [...provisioningChecks, ...hardwareChecks].find(c => c.id === id)!;

describe('provisioning.control-plane-nodes', () => {
  const check = byId('provisioning.control-plane-nodes');

  it('is ok with three Ready control-plane nodes', async () => {
    const result = await check.run(
      checkContext({
        Node: [1, 2, 3].map(i => node(`cp-${i}`, { controlPlane: true })),
      }),
    );
    expect(result.verdict).toBe('ok');
  });

  it('warns when one of three is NotReady (quorum kept) and names it', async () => {
    const result = await check.run(
      checkContext({
        Node: [
          node('cp-1', { controlPlane: true }),
          node('cp-2', { controlPlane: true }),
          node('cp-3', { controlPlane: true, ready: 'Unknown' }),
        ],
      }),
    );
    expect(result.verdict).toBe('warning');
    expect(result.evidence[0]).toMatchObject({
      object: 'Node/cp-3',
      value: 'Unknown',
    });
  });

  it('is critical when etcd quorum is lost', async () => {
    const result = await check.run(
      checkContext({
        Node: [
          node('cp-1', { controlPlane: true }),
          node('cp-2', { controlPlane: true, ready: 'False' }),
          node('cp-3', { controlPlane: true, ready: 'Unknown' }),
        ],
      }),
    );
    expect(result.verdict).toBe('critical');
  });

  it('warns about an even number of control-plane nodes', async () => {
    const result = await check.run(
      checkContext({
        Node: [1, 2].map(i => node(`cp-${i}`, { controlPlane: true })),
      }),
    );
    expect(result.verdict).toBe('warning');
    expect(result.message).toContain('odd number');
  });
});

describe('provisioning.version-skew', () => {
  const check = byId('provisioning.version-skew');

  it('warns while two minor versions run side by side', async () => {
    const result = await check.run(
      checkContext({
        Node: [
          node('a', { version: 'v1.32.8' }),
          node('b', { version: 'v1.33.4' }),
        ],
      }),
    );
    expect(result.verdict).toBe('warning');
  });

  it('is critical beyond one minor version of skew', async () => {
    const result = await check.run(
      checkContext({
        Node: [
          node('a', { version: 'v1.31.2' }),
          node('b', { version: 'v1.33.4' }),
        ],
      }),
    );
    expect(result.verdict).toBe('critical');
  });
});

describe('hardware checks', () => {
  it('calls a NotReady worker critical', async () => {
    const result = await byId('hardware.workers-ready').run(
      checkContext({ Node: [node('w-1'), node('w-2', { ready: 'Unknown' })] }),
    );
    expect(result.verdict).toBe('critical');
    expect(result.message).toContain('w-2');
  });

  it('warns about memory pressure with the node and condition as evidence', async () => {
    const result = await byId('hardware.node-pressure').run(
      checkContext({
        Node: [node('w-1', { conditions: { MemoryPressure: 'True' } })],
      }),
    );
    expect(result.verdict).toBe('warning');
    expect(result.evidence[0]).toMatchObject({
      object: 'Node/w-1',
      field: 'status.conditions[MemoryPressure]',
    });
  });

  it('holds production workers to the production sizing only', async () => {
    const small = { Node: [node('w-1', { cpu: '4', memory: '8388608Ki' })] };
    const check = byId('hardware.node-capacity');
    expect((await check.run(checkContext(small))).verdict).toBe('ok');
    expect(
      (
        await check.run(
          checkContext(small, { cluster: { environment: 'production' } }),
        )
      ).verdict,
    ).toBe('warning');
  });
});

describe('sizing findings in the provisioning and hardware layers', () => {
  const production = { cluster: { environment: 'production' } };
  const workers = [1, 2, 3].map(i => node(`w-${i}`));

  it('calls a production cluster with one control plane critical, with the numbers, what to add and the runbook', async () => {
    const check = byId('provisioning.sizing-control-plane-quorum');
    expect(check).toMatchObject({
      layer: 'provisioning',
      runbook: 'add-worker-node',
    });
    const result = await check.run(
      checkContext(
        { Node: [node('cp-1', { controlPlane: true }), ...workers] },
        production,
      ),
    );
    expect(result.verdict).toBe('critical');
    expect(result.message).toContain('no HA');
    expect(result.evidence).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          object: 'Sizing rule control-plane-quorum',
          field: 'severity',
          value: 'critical',
        }),
        expect.objectContaining({
          field: 'controlPlaneNodes',
          value: '1',
        }),
        expect.objectContaining({
          field: 'recommendation',
          value: expect.stringContaining('Add 2 control-plane node(s)'),
        }),
      ]),
    );
  });

  it('passes what is only information outside production', async () => {
    const result = await byId('provisioning.sizing-control-plane-quorum').run(
      checkContext({
        Node: [node('cp-1', { controlPlane: true }), ...workers],
      }),
    );
    expect(result.verdict).toBe('ok');
    expect(result.evidence).toContainEqual(
      expect.objectContaining({ field: 'severity', value: 'info' }),
    );
  });

  it('warns about an even control-plane count as the finding does', async () => {
    const result = await byId('provisioning.sizing-control-plane-quorum').run(
      checkContext({
        Node: [1, 2].map(i => node(`cp-${i}`, { controlPlane: true })),
      }),
    );
    expect(result.verdict).toBe('warning');
  });

  it('takes the hardware verdict from the worker-size finding', async () => {
    // Above the minimum column, below the production one: 8 cores, 32 GiB, 500 GiB disk.
    const small = [1, 2, 3].map(i => {
      const n = node(`w-${i}`, { cpu: '8', memory: '33554432Ki' });
      return {
        ...n,
        status: {
          ...n.status,
          capacity: { ...n.status.capacity, 'ephemeral-storage': '500Gi' },
        },
      };
    });
    const result = await byId('hardware.sizing-worker-size').run(
      checkContext(
        { Node: [node('cp-1', { controlPlane: true }), ...small] },
        production,
      ),
    );
    expect(result.verdict).toBe('warning');
    expect(result.evidence).toContainEqual(
      expect.objectContaining({ field: 'smallestCpu', value: '8' }),
    );
    expect(byId('hardware.sizing-worker-size').layer).toBe('hardware');
  });

  it('reads nodes and pods once per refresh for all its checks, and nothing else', async () => {
    const context = checkContext({
      Node: [node('cp-1', { controlPlane: true }), ...workers],
    });
    const listed: string[] = [];
    const list = context.kubernetes.list.bind(context.kubernetes);
    const counting = {
      ...context,
      kubernetes: {
        list: ((apiVersion: string, kind: string) => {
          listed.push(kind);
          return list(apiVersion, kind);
        }) as typeof context.kubernetes.list,
      },
    };
    const sizing = [...provisioningChecks, ...hardwareChecks].filter(c =>
      c.id.includes('.sizing-'),
    );
    expect(sizing.map(c => c.id)).toEqual([
      'provisioning.sizing-control-plane-quorum',
      'provisioning.sizing-worker-count',
      'hardware.sizing-control-plane-size',
      'hardware.sizing-worker-size',
      'hardware.sizing-workers-n-plus-one',
      'hardware.sizing-pods-per-node',
    ]);
    await Promise.all(sizing.map(c => c.run(counting)));
    expect(listed.sort()).toEqual(['Node', 'Pod']);
  });
});
