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

import { checkContext } from '../../__testUtils__/checkContext';
import { ingressChecks } from './ingress';
import { networkingChecks } from './networking';
import { observabilityChecks } from './observability';
import { storageChecks } from './storage';
import { UpstreamClients } from '../../clients/UpstreamClients';
import { UpstreamPolicies } from '../../clients/resilience/UpstreamPolicies';
import { readPlatformConfig } from '../../config/readPlatformConfig';
import { ConfigReader } from '@backstage/config';

const unconfigured = new UpstreamClients(
  readPlatformConfig(new ConfigReader({})),
  new UpstreamPolicies(),
);
const all = [
  ...ingressChecks,
  ...networkingChecks,
  ...storageChecks,
  ...observabilityChecks(unconfigured),
];
const byId = (id: string) => all.find(c => c.id === id)!;

const daemonSet = (
  namespace: string,
  name: string,
  ready: number,
  desired: number,
) => ({
  kind: 'DaemonSet',
  metadata: { namespace, name },
  status: { numberReady: ready, desiredNumberScheduled: desired },
});
const deployment = (
  namespace: string,
  name: string,
  ready: number,
  replicas = 1,
) => ({
  kind: 'Deployment',
  metadata: { namespace, name },
  spec: { replicas },
  status: { readyReplicas: ready },
});

describe('networking.cilium-agents', () => {
  it('is critical when an agent is short, naming the crash-looping pod', async () => {
    const result = await byId('networking.cilium-agents').run(
      checkContext({
        DaemonSet: [daemonSet('kube-system', 'cilium', 5, 6)],
        Deployment: [deployment('kube-system', 'cilium-operator', 2, 2)],
        Pod: [
          {
            kind: 'Pod',
            metadata: { namespace: 'kube-system', name: 'cilium-abcde' },
            status: {
              containerStatuses: [
                {
                  name: 'cilium-agent',
                  restartCount: 7,
                  state: { waiting: { reason: 'CrashLoopBackOff' } },
                },
              ],
            },
          },
        ],
      }),
    );
    expect(result.verdict).toBe('critical');
    expect(result.evidence.map(e => e.object)).toContain(
      'Pod/kube-system/cilium-abcde',
    );
  });

  it('is critical when the agent DaemonSet is missing', async () => {
    const result = await byId('networking.cilium-agents').run(
      checkContext({
        Deployment: [deployment('kube-system', 'cilium-operator', 1)],
      }),
    );
    expect(result.verdict).toBe('critical');
    expect(result.message).toContain('DaemonSet/kube-system/cilium is missing');
  });
});

describe('networking.default-deny', () => {
  it('warns about a team namespace without default-deny', async () => {
    const result = await byId('networking.default-deny').run(
      checkContext({
        Namespace: [
          {
            kind: 'Namespace',
            metadata: { name: 'payments', labels: { team: 'team-payments' } },
          },
          { kind: 'Namespace', metadata: { name: 'kube-system' } },
        ],
        CiliumNetworkPolicy: [],
      }),
    );
    expect(result.verdict).toBe('warning');
    expect(result.evidence[0].object).toBe(
      'CiliumNetworkPolicy/payments/default-deny',
    );
  });
});

describe('ingress.gateways', () => {
  const gateway = (programmed: string) => ({
    kind: 'Gateway',
    metadata: { namespace: 'traefik', name: 'traefik-gateway' },
    status: {
      conditions: [
        {
          type: 'Programmed',
          status: programmed,
          reason: 'AddressNotAssigned',
        },
      ],
    },
  });
  const gatewayClass = {
    kind: 'GatewayClass',
    metadata: { name: 'traefik' },
    status: { conditions: [{ type: 'Accepted', status: 'True' }] },
  };

  it('is ok when the class is Accepted and the Gateway Programmed', async () => {
    const result = await byId('ingress.gateways').run(
      checkContext({
        GatewayClass: [gatewayClass],
        Gateway: [gateway('True')],
      }),
    );
    expect(result.verdict).toBe('ok');
  });

  it('is critical for a Gateway that is not Programmed', async () => {
    const result = await byId('ingress.gateways').run(
      checkContext({
        GatewayClass: [gatewayClass],
        Gateway: [gateway('False')],
      }),
    );
    expect(result.verdict).toBe('critical');
    expect(result.evidence[0].value).toContain('AddressNotAssigned');
  });
});

describe('storage.longhorn-volumes', () => {
  const volume = (name: string, robustness: string) => ({
    kind: 'Volume',
    metadata: { namespace: 'longhorn-system', name },
    status: {
      robustness,
      kubernetesStatus: { namespace: 'payments', pvcName: 'db' },
    },
  });

  it.each([
    ['healthy', 'ok'],
    ['degraded', 'warning'],
    ['faulted', 'critical'],
  ])('a %s volume is %s', async (robustness, verdict) => {
    const result = await byId('storage.longhorn-volumes').run(
      checkContext({
        Volume: [volume('pvc-a', 'healthy'), volume('pvc-b', robustness)],
      }),
    );
    expect(result.verdict).toBe(verdict);
  });

  it('names the claim of a degraded volume', async () => {
    const result = await byId('storage.longhorn-volumes').run(
      checkContext({ Volume: [volume('pvc-b', 'degraded')] }),
    );
    expect(result.evidence[0].value).toBe('degraded (PVC payments/db)');
  });
});

describe('storage.claims', () => {
  it('is critical without the longhorn StorageClass and warns about a Pending claim', async () => {
    const missingClass = await byId('storage.claims').run(
      checkContext({ StorageClass: [] }),
    );
    expect(missingClass.verdict).toBe('critical');
    const pending = await byId('storage.claims').run(
      checkContext({
        StorageClass: [
          { kind: 'StorageClass', metadata: { name: 'longhorn' } },
        ],
        PersistentVolumeClaim: [
          {
            kind: 'PersistentVolumeClaim',
            metadata: { namespace: 'a', name: 'data' },
            status: { phase: 'Pending' },
          },
        ],
      }),
    );
    expect(pending.verdict).toBe('warning');
  });
});

describe('observability.components', () => {
  it('warns about a short exporter and is critical when a store has nothing ready', async () => {
    const exporterShort = await byId('observability.components').run(
      checkContext({
        DaemonSet: [daemonSet('monitoring', 'node-exporter', 5, 6)],
        StatefulSet: [
          {
            kind: 'StatefulSet',
            metadata: { namespace: 'monitoring', name: 'loki' },
            spec: { replicas: 1 },
            status: { readyReplicas: 1 },
          },
        ],
      }),
    );
    expect(exporterShort.verdict).toBe('warning');
    const lokiDown = await byId('observability.components').run(
      checkContext({
        StatefulSet: [
          {
            kind: 'StatefulSet',
            metadata: { namespace: 'monitoring', name: 'loki' },
            spec: { replicas: 1 },
            status: { readyReplicas: 0 },
          },
        ],
      }),
    );
    expect(lokiDown.verdict).toBe('critical');
    expect(lokiDown.evidence[0]).toMatchObject({
      object: 'StatefulSet/monitoring/loki',
      value: '0/1',
    });
  });

  it('is unknown, naming the key, when Prometheus is not configured', async () => {
    const result = await byId('observability.scrape-targets').run(
      checkContext({}),
    );
    expect(result.verdict).toBe('unknown');
    expect(result.message).toContain('platform.upstreams.prometheus.url');
  });
});
