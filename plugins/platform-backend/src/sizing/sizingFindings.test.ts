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

import { SizingNode } from '@platform-portal/plugin-platform-common';
import { sizingFindings, SizingInput } from './sizingFindings';

function node(
  name: string,
  role: SizingNode['role'],
  shape: { cpu: number; memoryGiB: number; diskGiB?: number },
  requested: { cpu: number; memoryGiB: number; pods: number } = {
    cpu: 0,
    memoryGiB: 0,
    pods: 0,
  },
): SizingNode {
  const resources = { diskGiB: 200, pods: 110, ...shape };
  return {
    name,
    role,
    ready: true,
    capacity: resources,
    allocatable: resources,
    requested,
  };
}

function input(overrides: Partial<SizingInput>): SizingInput {
  return {
    profile: 'production',
    nodes: [],
    pods: 0,
    loadBalancerHosts: 2,
    monitoringRequests: { cpu: 0, memoryGiB: 0 },
    ...overrides,
  };
}

const finding = (findings: ReturnType<typeof sizingFindings>, rule: string) =>
  findings.find(f => f.rule === rule)!;

describe('sizingFindings', () => {
  it('says what to add when the cluster cannot lose its largest worker', () => {
    const findings = sizingFindings(
      input({
        nodes: [
          node('cp-1', 'control-plane', { cpu: 8, memoryGiB: 32 }),
          node('cp-2', 'control-plane', { cpu: 8, memoryGiB: 32 }),
          node(
            'w-1',
            'worker',
            { cpu: 16, memoryGiB: 64 },
            { cpu: 12, memoryGiB: 50, pods: 40 },
          ),
          node(
            'w-2',
            'worker',
            { cpu: 16, memoryGiB: 64 },
            { cpu: 12, memoryGiB: 50, pods: 40 },
          ),
        ],
        pods: 80,
        loadBalancerHosts: 1,
      }),
    );
    expect(finding(findings, 'workers-n-plus-one')).toMatchObject({
      severity: 'critical',
      numbers: {
        requestedCpu: 24,
        allocatableCpuWithoutLargest: 16,
        requestedMemoryGiB: 100,
        allocatableMemoryGiBWithoutLargest: 64,
      },
    });
    expect(finding(findings, 'workers-n-plus-one').recommendation).toContain(
      'Add 1 worker(s) the size of w-1 (16 cores, 64 GiB allocatable)',
    );
    expect(finding(findings, 'control-plane-quorum')).toMatchObject({
      severity: 'warning',
      numbers: { controlPlaneNodes: 2, failuresTolerated: 0 },
    });
    expect(finding(findings, 'worker-count')).toMatchObject({
      severity: 'critical',
      numbers: { workers: 2, recommended: 3 },
    });
    expect(finding(findings, 'load-balancer-pair')).toMatchObject({
      severity: 'critical',
      numbers: { loadBalancerNodes: 1 },
    });
  });

  it('holds production nodes to the production column and others to the minimum', () => {
    const nodes = [
      node('cp-1', 'control-plane', { cpu: 2, memoryGiB: 4, diskGiB: 100 }),
      node('w-1', 'worker', { cpu: 2, memoryGiB: 8, diskGiB: 100 }),
    ];
    const production = sizingFindings(input({ nodes }));
    expect(finding(production, 'control-plane-size')).toMatchObject({
      severity: 'warning',
      numbers: { smallestCpu: 2, smallestMemoryGiB: 4 },
    });
    expect(finding(production, 'worker-size').severity).toBe('critical');
    expect(finding(production, 'worker-size').message).toContain(
      'w-1: 2 cores, 8 GiB RAM',
    );
    const small = sizingFindings(input({ nodes, profile: 'minimum' }));
    expect(finding(small, 'control-plane-size').severity).toBe('info');
    expect(finding(small, 'control-plane-quorum').severity).toBe('info');
  });

  it('applies the observability rule of thumb from 50 nodes or 1,000 pods, and Mimir’s 2 GB per million series', () => {
    const findings = sizingFindings(
      input({
        nodes: [node('w-1', 'worker', { cpu: 64, memoryGiB: 256 })],
        pods: 1200,
        activeSeries: 3_000_000,
        monitoringRequests: { cpu: 4, memoryGiB: 16 },
      }),
    );
    expect(finding(findings, 'observability-stack')).toMatchObject({
      severity: 'warning',
      numbers: { pods: 1200, monitoringMemoryGiB: 16 },
    });
    expect(finding(findings, 'mimir-memory').numbers.mimirMemoryGiB).toBe(6);
  });
});
