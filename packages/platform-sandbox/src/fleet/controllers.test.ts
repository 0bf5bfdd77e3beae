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

import { Sandbox } from '../server/startSandbox';
import { controlCall, kubeCall, startTestSandbox } from '../server/testSupport';

const CAPI = '/apis/cluster.x-k8s.io/v1beta2/namespaces/clusters';

async function advance(sandbox: Sandbox, ms: number): Promise<void> {
  const { status } = await controlCall(sandbox, 'POST', '/time/advance', { ms });
  expect(status).toBe(200);
}

function readyOf(node: any): string {
  return node.status.conditions.find((c: any) => c.type === 'Ready').status;
}

// Generous: these tests step simulated time many times; CI machines can be busy.
jest.setTimeout(60_000);

describe('fleet controllers over simulated time', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });

  afterAll(async () => {
    await sandbox.stop();
  });

  it('scaling a MachineDeployment provisions machines whose nodes join the workload cluster and turn Ready', async () => {
    const before = await kubeCall(sandbox, 'prod-eu-1', '/api/v1/nodes');
    expect(before.json.items).toHaveLength(8);
    const patch = await kubeCall(sandbox, 'mgmt', `${CAPI}/machinedeployments/prod-eu-1-md-0`, {
      method: 'PATCH',
      body: { spec: { replicas: 7 } },
      contentType: 'application/merge-patch+json',
    });
    expect(patch.status).toBe(200);
    await advance(sandbox, 1000);
    const machines = await kubeCall(sandbox, 'mgmt', `${CAPI}/machines?labelSelector=cluster.x-k8s.io/deployment-name=prod-eu-1-md-0`);
    expect(machines.json.items).toHaveLength(7);
    expect(machines.json.items.filter((m: any) => m.status.phase === 'Provisioning').map((m: any) => m.metadata.name).sort()).toEqual(['prod-eu-1-md-0-6', 'prod-eu-1-md-0-7']);
    const md = await kubeCall(sandbox, 'mgmt', `${CAPI}/machinedeployments/prod-eu-1-md-0`);
    expect(md.json.status).toMatchObject({ replicas: 7, readyReplicas: 5, phase: 'Running' });
    expect(md.json.status.conditions.find((c: any) => c.type === 'Available').status).toBe('False');
    expect((await kubeCall(sandbox, 'prod-eu-1', '/api/v1/nodes')).json.items).toHaveLength(8);

    await advance(sandbox, 60_000);
    const joined = await kubeCall(sandbox, 'prod-eu-1', '/api/v1/nodes');
    expect(joined.json.items).toHaveLength(10);
    expect(readyOf(joined.json.items.find((n: any) => n.metadata.name === 'prod-eu-1-md-0-7'))).toBe('False');

    await advance(sandbox, 30_000);
    const ready = await kubeCall(sandbox, 'prod-eu-1', '/api/v1/nodes');
    expect(ready.json.items.map(readyOf)).toEqual(Array(10).fill('True'));
    const cilium = await kubeCall(sandbox, 'prod-eu-1', '/apis/apps/v1/namespaces/kube-system/daemonsets/cilium');
    expect(cilium.json.status).toMatchObject({ desiredNumberScheduled: 10, numberReady: 10 });
    const sets = await kubeCall(sandbox, 'mgmt', `${CAPI}/machinesets?labelSelector=cluster.x-k8s.io/deployment-name=prod-eu-1-md-0`);
    expect(sets.json.items.map((ms: any) => [ms.spec.replicas, ms.status.readyReplicas])).toEqual([[7, 7]]);
    const cluster = await kubeCall(sandbox, 'mgmt', `${CAPI}/clusters/prod-eu-1`);
    expect(cluster.json.status.workers).toMatchObject({ desiredReplicas: 7, replicas: 7, readyReplicas: 7 });
  });

  it('upgrading a KubeadmControlPlane version rolls machines one by one until every node runs it', async () => {
    const patch = await kubeCall(sandbox, 'mgmt', '/apis/controlplane.cluster.x-k8s.io/v1beta1/namespaces/clusters/kubeadmcontrolplanes/staging-1-control-plane', {
      method: 'PATCH',
      body: { spec: { version: 'v1.33.4' } },
      contentType: 'application/merge-patch+json',
    });
    expect(patch.status).toBe(200);
    const versionsSeen = new Set<string>();
    for (let i = 0; i < 10; i++) {
      await advance(sandbox, 30_000);
      const nodes = await kubeCall(sandbox, 'staging-1', '/api/v1/nodes?labelSelector=node-role.kubernetes.io/control-plane');
      for (const node of nodes.json.items) versionsSeen.add(node.status.nodeInfo.kubeletVersion);
    }
    const kcp = await kubeCall(sandbox, 'mgmt', '/apis/controlplane.cluster.x-k8s.io/v1beta2/namespaces/clusters/kubeadmcontrolplanes/staging-1-control-plane');
    expect(kcp.json.status).toMatchObject({ version: 'v1.33.4', replicas: 1, upToDateReplicas: 1, readyReplicas: 1 });
    const nodes = await kubeCall(sandbox, 'staging-1', '/api/v1/nodes?labelSelector=node-role.kubernetes.io/control-plane');
    expect(nodes.json.items.map((n: any) => [n.metadata.name, n.status.nodeInfo.kubeletVersion])).toEqual([['staging-1-control-plane-2', 'v1.33.4']]);
    expect(versionsSeen).toEqual(new Set(['v1.32.8', 'v1.33.4']));
  });

  it('upgrading a MachineDeployment template version moves workers to a new MachineSet, one machine at a time', async () => {
    const patch = await kubeCall(sandbox, 'mgmt', `${CAPI}/machinedeployments/prod-eu-2-md-0`, {
      method: 'PATCH',
      body: [{ op: 'replace', path: '/spec/template/spec/version', value: 'v1.34.1' }],
      contentType: 'application/json-patch+json',
    });
    expect(patch.status).toBe(200);
    let maxWorkers = 0;
    for (let i = 0; i < 40; i++) {
      await advance(sandbox, 30_000);
      const machines = await kubeCall(sandbox, 'mgmt', `${CAPI}/machines?labelSelector=cluster.x-k8s.io/deployment-name=prod-eu-2-md-0`);
      maxWorkers = Math.max(maxWorkers, machines.json.items.length);
      const upgraded = machines.json.items.filter((m: any) => m.spec.version === 'v1.34.1' && m.status.phase === 'Running');
      if (machines.json.items.length === 4 && upgraded.length === 4) break;
    }
    expect(maxWorkers).toBe(5);
    const workers = await kubeCall(sandbox, 'prod-eu-2', '/api/v1/nodes?labelSelector=node-role.kubernetes.io/worker');
    expect(workers.json.items.map((n: any) => n.status.nodeInfo.kubeletVersion)).toEqual(Array(4).fill('v1.34.1'));
    const sets = await kubeCall(sandbox, 'mgmt', `${CAPI}/machinesets?labelSelector=cluster.x-k8s.io/deployment-name=prod-eu-2-md-0`);
    const byVersion = Object.fromEntries(sets.json.items.map((ms: any) => [ms.spec.template.spec.version, ms.spec.replicas]));
    expect(byVersion).toEqual({ 'v1.33.4': 0, 'v1.34.1': 4 });
    const md = await kubeCall(sandbox, 'mgmt', `${CAPI}/machinedeployments/prod-eu-2-md-0`);
    expect(md.json.status).toMatchObject({ replicas: 4, upToDateReplicas: 4, readyReplicas: 4 });
  });

  it('reflects an injected fault live and recovers when it is cleared', async () => {
    const injected = await controlCall(sandbox, 'POST', '/faults', { cluster: 'prod-eu-1', id: 'cilium-agent-crashloop' });
    expect(injected.status).toBe(200);
    const ds = await kubeCall(sandbox, 'prod-eu-1', '/apis/apps/v1/namespaces/kube-system/daemonsets/cilium');
    expect(ds.json.status.numberReady).toBe(ds.json.status.desiredNumberScheduled - 1);
    const pods = await kubeCall(sandbox, 'prod-eu-1', '/api/v1/namespaces/kube-system/pods?labelSelector=k8s-app=cilium');
    const crashing = pods.json.items.filter((p: any) => p.status.containerStatuses[0].state.waiting?.reason === 'CrashLoopBackOff');
    expect(crashing).toHaveLength(1);
    expect(crashing[0].status.containerStatuses[0].restartCount).toBeGreaterThan(0);
    expect(crashing[0].spec.nodeName).toBe('prod-eu-1-md-0-1');
    const events = await kubeCall(sandbox, 'prod-eu-1', `/api/v1/namespaces/kube-system/events?fieldSelector=involvedObject.name=${crashing[0].metadata.name}`);
    expect(events.json.items.map((e: any) => [e.type, e.reason])).toEqual([['Warning', 'BackOff']]);

    const cleared = await controlCall(sandbox, 'DELETE', '/faults?cluster=prod-eu-1&id=cilium-agent-crashloop');
    expect(cleared.status).toBe(200);
    const healed = await kubeCall(sandbox, 'prod-eu-1', '/apis/apps/v1/namespaces/kube-system/daemonsets/cilium');
    expect(healed.json.status.numberReady).toBe(healed.json.status.desiredNumberScheduled);
  });

  it('starts the scenario with its Kubernetes faults visible in the objects', async () => {
    const routes = await kubeCall(sandbox, 'staging-1', '/apis/gateway.networking.k8s.io/v1/namespaces/storefront/httproutes/storefront-web');
    const resolved = routes.json.status.parents[0].conditions.find((c: any) => c.type === 'ResolvedRefs');
    expect(resolved).toMatchObject({ status: 'False', reason: 'BackendNotFound' });
    const payments = await kubeCall(sandbox, 'staging-1', '/apis/gateway.networking.k8s.io/v1/namespaces/payments/httproutes/payments-api');
    expect(payments.json.status.parents[0].conditions.find((c: any) => c.type === 'ResolvedRefs').status).toBe('True');

    const lb = await kubeCall(sandbox, 'staging-1', '/api/v1/services?fieldSelector=metadata.namespace=payments');
    const pending = lb.json.items.filter((s: any) => s.spec.type === 'LoadBalancer');
    expect(pending).toHaveLength(1);
    expect(pending[0].status.loadBalancer.ingress).toBeUndefined();
    const traefik = await kubeCall(sandbox, 'staging-1', '/api/v1/namespaces/traefik/services/traefik');
    expect(traefik.json.status.loadBalancer.ingress).toHaveLength(1);
    const events = await kubeCall(sandbox, 'staging-1', '/api/v1/namespaces/payments/events?fieldSelector=reason=AllocationFailed');
    expect(events.json.items[0].message).toContain('no available IPs');

    const node = await kubeCall(sandbox, 'staging-1', '/api/v1/nodes/staging-1-md-0-2');
    expect(readyOf(node.json)).toBe('Unknown');
    const nodeEvents = await kubeCall(sandbox, 'staging-1', '/api/v1/events?fieldSelector=involvedObject.kind=Node,reason=NodeNotReady');
    expect(nodeEvents.json.items.map((e: any) => e.involvedObject.name)).toEqual(['staging-1-md-0-2']);
    const pods = await kubeCall(sandbox, 'staging-1', '/api/v1/namespaces/payments/pods');
    const installed = Date.parse(pods.json.items[0].metadata.creationTimestamp);
    expect(Date.now() - installed).toBeGreaterThan(30 * 24 * 3600_000);

    const volume = await kubeCall(sandbox, 'prod-eu-2', '/apis/longhorn.io/v1beta2/namespaces/longhorn-system/volumes/pvc-orders-db');
    expect(volume.json.status.robustness).toBe('degraded');
    const healthyVolume = await kubeCall(sandbox, 'prod-eu-2', '/apis/longhorn.io/v1beta2/namespaces/longhorn-system/volumes/pvc-payments-db');
    expect(healthyVolume.json.status.robustness).toBe('healthy');

    const cert = await kubeCall(sandbox, 'prod-eu-2', '/apis/cert-manager.io/v1/namespaces/payments/certificates/payments-api-tls');
    const now = Date.parse((await controlCall(sandbox, 'GET', '/state')).json.now);
    expect(cert.json.status.conditions.find((c: any) => c.type === 'Ready').status).toBe('True');
    expect(cert.json.status.conditions.find((c: any) => c.type === 'Issuing')).toMatchObject({ status: 'False', reason: 'Failed' });
    expect(Date.parse(cert.json.status.renewalTime)).toBeLessThan(now);
    const healthyCert = await kubeCall(sandbox, 'prod-eu-1', '/apis/cert-manager.io/v1/namespaces/payments/certificates/payments-api-tls');
    expect(Date.parse(healthyCert.json.status.renewalTime)).toBeGreaterThan(now);

    const app = await kubeCall(sandbox, 'prod-eu-2', '/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/orders-service');
    expect(app.json.status.sync.status).toBe('OutOfSync');
    const degraded = await kubeCall(sandbox, 'edge-rke2-1', '/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/storefront-web');
    expect(degraded.json.status.health.status).toBe('Degraded');
    expect((await kubeCall(sandbox, 'edge-rke2-1', '/version')).json.gitVersion).toBe('v1.33.4+rke2r1');
  });

  it('applies an untargeted Argo CD fault to every Application, as the Argo CD API does', async () => {
    await controlCall(sandbox, 'POST', '/faults', { cluster: 'onprem-kubeadm-1', id: 'argocd-sync-failed' });
    const apps = await kubeCall(sandbox, 'onprem-kubeadm-1', '/apis/argoproj.io/v1alpha1/namespaces/argocd/applications');
    expect(apps.json.items.length).toBeGreaterThan(5);
    expect(new Set(apps.json.items.map((a: any) => `${a.status.operationState.phase}/${a.status.sync.status}`))).toEqual(new Set(['Failed/OutOfSync']));
    await controlCall(sandbox, 'DELETE', '/faults?cluster=onprem-kubeadm-1&id=argocd-sync-failed');
    const healed = await kubeCall(sandbox, 'onprem-kubeadm-1', '/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/storefront-web');
    expect(healed.json.status.sync.status).toBe('Synced');
    expect(healed.json.spec.source.path).toBe('clusters/onprem-kubeadm-1/storefront-web');
  });

  it('frees the MetalLB pool when metallb-pool-exhausted is cleared: the pending Service gets an address', async () => {
    await controlCall(sandbox, 'DELETE', '/faults?cluster=staging-1&id=metallb-pool-exhausted');
    const lb = await kubeCall(sandbox, 'staging-1', '/api/v1/services?fieldSelector=metadata.namespace=payments');
    const service = lb.json.items.find((s: any) => s.spec.type === 'LoadBalancer');
    expect(service.status.loadBalancer.ingress[0].ip).toMatch(/^10\.100\.3\.24\d$/);
  });

  it('gives new namespaces a default ServiceAccount and binds new Longhorn claims on the next tick', async () => {
    expect((await kubeCall(sandbox, 'prod-eu-1', '/api/v1/namespaces', { method: 'POST', body: { metadata: { name: 'fresh' } } })).status).toBe(201);
    const claim = await kubeCall(sandbox, 'prod-eu-1', '/api/v1/namespaces/fresh/persistentvolumeclaims', {
      method: 'POST',
      body: { metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } } } },
    });
    expect(claim.status).toBe(201);
    expect((await kubeCall(sandbox, 'prod-eu-1', '/api/v1/namespaces/fresh/serviceaccounts/default')).status).toBe(404);
    await advance(sandbox, 1000);
    expect((await kubeCall(sandbox, 'prod-eu-1', '/api/v1/namespaces/fresh/serviceaccounts/default')).status).toBe(200);
    const bound = await kubeCall(sandbox, 'prod-eu-1', '/api/v1/namespaces/fresh/persistentvolumeclaims/data');
    expect(bound.json.status.phase).toBe('Bound');
    const volume = await kubeCall(sandbox, 'prod-eu-1', `/apis/longhorn.io/v1beta2/namespaces/longhorn-system/volumes/${bound.json.spec.volumeName}`);
    expect(volume.json.status).toMatchObject({ state: 'attached', robustness: 'healthy' });
  });
});
