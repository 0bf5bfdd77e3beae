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
import { CoreV1Api, KubeConfig, Metrics, topPods } from '@kubernetes/client-node';
import { kubeconfigYaml } from './kubeconfig';
import { Sandbox } from './startSandbox';
import { controlCall, kubeCall, startTestSandbox } from './testSupport';

// What the Backstage Kubernetes backend fetches for an entity (its default object types).
const BACKSTAGE_OBJECTS = [
  '/api/v1/namespaces/payments/pods',
  '/api/v1/namespaces/payments/services',
  '/api/v1/namespaces/payments/configmaps',
  '/api/v1/namespaces/payments/limitranges',
  '/api/v1/namespaces/payments/resourcequotas',
  '/apis/apps/v1/namespaces/payments/deployments',
  '/apis/apps/v1/namespaces/payments/replicasets',
  '/apis/autoscaling/v2/namespaces/payments/horizontalpodautoscalers',
  '/apis/batch/v1/namespaces/payments/jobs',
  '/apis/batch/v1/namespaces/payments/cronjobs',
  '/apis/networking.k8s.io/v1/namespaces/payments/ingresses',
  '/apis/apps/v1/namespaces/payments/statefulsets',
  '/apis/apps/v1/namespaces/payments/daemonsets',
  '/api/v1/namespaces/payments/persistentvolumeclaims',
];

jest.setTimeout(30_000);

describe('what portal clients read', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });

  afterAll(async () => {
    await sandbox.stop();
  });

  it('serves every object type the Backstage Kubernetes backend lists, by kubernetes-id label, to the reader', async () => {
    const reader = sandbox.credentials.kubernetes['prod-eu-1'].reader;
    const selector = `?labelSelector=${encodeURIComponent('backstage.io/kubernetes-id=payments-api')}`;
    const results = await Promise.all(BACKSTAGE_OBJECTS.map(path => kubeCall(sandbox, 'prod-eu-1', path + selector, { token: reader })));
    expect(results.map(r => r.status)).toEqual(BACKSTAGE_OBJECTS.map(() => 200));
    const [pods, services] = results;
    expect(pods.json.items).toHaveLength(3);
    expect(pods.json.items.every((p: any) => p.status.phase === 'Running' && p.metadata.labels['app.kubernetes.io/name'] === 'payments-api')).toBe(true);
    expect(services.json.items.map((s: any) => s.metadata.name)).toEqual(['payments-api']);
    const endpoints = await kubeCall(sandbox, 'prod-eu-1', '/api/v1/namespaces/payments/endpoints/payments-api', { token: reader });
    expect(endpoints.json.subsets[0].addresses.map((a: any) => a.targetRef.name).sort()).toEqual(pods.json.items.map((p: any) => p.metadata.name).sort());
    expect(endpoints.json.subsets[0].ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    const deployments = results[5].json.items;
    expect(deployments[0].status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3 });
  });

  it('serves metrics.k8s.io so client-node topPods can combine pods and usage', async () => {
    const kc = new KubeConfig();
    kc.loadFromString(kubeconfigYaml([{ name: 'prod-eu-1', url: sandbox.kubernetesUrl('prod-eu-1'), certificateAuthority: sandbox.caData('prod-eu-1'), token: sandbox.credentials.kubernetes['prod-eu-1'].reader }]));
    const top = await topPods(kc.makeApiClient(CoreV1Api), new Metrics(kc), 'payments');
    expect(top.length).toBeGreaterThan(0);
    expect(top.every(p => Number(p.CPU.CurrentUsage) > 0 && Number(p.Memory.CurrentUsage) > 0)).toBe(true);
    const nodes = await new Metrics(kc).getNodeMetrics();
    expect(nodes.items).toHaveLength(8);
  });

  it('serves pod logs, ending in the error of a crash-looping container', async () => {
    const pods = await kubeCall(sandbox, 'onprem-kubeadm-1', '/api/v1/namespaces/kube-system/pods?labelSelector=k8s-app=cilium');
    const crashing = pods.json.items.find((p: any) => p.status.containerStatuses[0].state.waiting);
    const healthy = pods.json.items.find((p: any) => p.status.containerStatuses[0].state.running);
    const reader = sandbox.credentials.kubernetes['onprem-kubeadm-1'].reader;
    const log = await kubeCall(sandbox, 'onprem-kubeadm-1', `/api/v1/namespaces/kube-system/pods/${crashing.metadata.name}/log?tailLines=2`, { token: reader });
    expect(log.status).toBe(200);
    const lines = log.text.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('level=fatal');
    const fine = await kubeCall(sandbox, 'onprem-kubeadm-1', `/api/v1/namespaces/kube-system/pods/${healthy.metadata.name}/log`, { token: reader });
    expect(fine.text).not.toContain('level=fatal');
    const wrong = await kubeCall(sandbox, 'onprem-kubeadm-1', `/api/v1/namespaces/kube-system/pods/${healthy.metadata.name}/log?container=nope`);
    expect(wrong.status).toBe(400);
  });

  it('prints tables for kubectl with the columns of each kind', async () => {
    const res = await kubeFetch(sandbox, 'onprem-kubeadm-1', `/api/v1/namespaces/kube-system/pods?labelSelector=k8s-app%3Dcilium`, {
      headers: {
        Authorization: `Bearer ${sandbox.credentials.kubernetes['onprem-kubeadm-1'].reader}`,
        Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json',
      },
    });
    const table = await res.json();
    expect(table.kind).toBe('Table');
    expect(table.columnDefinitions.map((c: any) => c.name)).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP', 'Node']);
    const statuses = table.rows.map((r: any) => r.cells[2]);
    expect(statuses.filter((s: string) => s === 'CrashLoopBackOff')).toHaveLength(1);
    expect(table.rows[0].object).toMatchObject({ kind: 'PartialObjectMetadata', metadata: { namespace: 'kube-system' } });
  });

  it('changes status only through the status subresource', async () => {
    const path = '/apis/apps/v1/namespaces/payments/deployments/payments-api';
    const main = await kubeCall(sandbox, 'prod-eu-1', path, { method: 'PATCH', body: { status: { readyReplicas: 0 } }, contentType: 'application/merge-patch+json' });
    expect(main.json.status.readyReplicas).toBe(3);
    const status = await kubeCall(sandbox, 'prod-eu-1', `${path}/status`, { method: 'PATCH', body: { status: { readyReplicas: 1 }, spec: { replicas: 9 } }, contentType: 'application/merge-patch+json' });
    expect(status.json.status.readyReplicas).toBe(1);
    expect(status.json.spec.replicas).toBe(3);
    expect(status.json.metadata.generation).toBe(main.json.metadata.generation);
    const scale = await kubeCall(sandbox, 'prod-eu-1', `${path}/scale`);
    expect(scale.json).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 3 } });
  });

  it('keeps quota usage and collects the pods of a deleted Deployment', async () => {
    const quota = await kubeCall(sandbox, 'prod-eu-1', '/api/v1/namespaces/payments/resourcequotas/team-quota');
    expect(quota.json.status.used).toMatchObject({ pods: '5', persistentvolumeclaims: '2', 'requests.cpu': '500m', 'requests.storage': '40Gi' });
    expect(quota.json.status.hard).toEqual(quota.json.spec.hard);
    expect((await kubeCall(sandbox, 'prod-eu-1', '/apis/apps/v1/namespaces/payments/deployments/orders-service', { method: 'DELETE' })).status).toBe(200);
    await controlCall(sandbox, 'POST', '/time/advance', { ms: 1000 });
    const pods = await kubeCall(sandbox, 'prod-eu-1', '/api/v1/namespaces/payments/pods?labelSelector=app.kubernetes.io/name=orders-service');
    expect(pods.json.items).toEqual([]);
    const replicaSets = await kubeCall(sandbox, 'prod-eu-1', '/apis/apps/v1/namespaces/payments/replicasets?labelSelector=app.kubernetes.io/name=orders-service');
    expect(replicaSets.json.items).toEqual([]);
    const after = await kubeCall(sandbox, 'prod-eu-1', '/api/v1/namespaces/payments/resourcequotas/team-quota');
    expect(after.json.status.used.pods).toBe('3');
  });

  it('deletes a namespace in two steps: Terminating, then gone with its contents', async () => {
    const deleted = await kubeCall(sandbox, 'prod-eu-1', '/api/v1/namespaces/storefront', { method: 'DELETE' });
    expect(deleted.status).toBe(200);
    expect(deleted.json.status.phase).toBe('Terminating');
    const create = await kubeCall(sandbox, 'prod-eu-1', '/api/v1/namespaces/storefront/configmaps', { method: 'POST', body: { metadata: { name: 'late' } } });
    expect(create.status).toBe(403);
    expect(create.json.details.causes[0].reason).toBe('NamespaceTerminating');
    await controlCall(sandbox, 'POST', '/time/advance', { ms: 1000 });
    expect((await kubeCall(sandbox, 'prod-eu-1', '/api/v1/namespaces/storefront')).status).toBe(404);
    expect((await kubeCall(sandbox, 'prod-eu-1', '/api/v1/namespaces/storefront/pods')).json.items).toEqual([]);
  });

  it('validates names per kind and honours dryRun=All on every write', async () => {
    const service = await kubeCall(sandbox, 'prod-eu-1', '/api/v1/namespaces/payments/services', { method: 'POST', body: { metadata: { name: '1-svc' }, spec: { ports: [{ port: 80 }] } } });
    expect(service.status).toBe(422);
    expect(service.json.message).toContain('a DNS-1035 label must consist of lower case alphanumeric characters');
    const configMap = await kubeCall(sandbox, 'prod-eu-1', '/api/v1/namespaces/payments/configmaps?dryRun=All', { method: 'POST', body: { metadata: { name: '1-config.v2' } } });
    expect(configMap.status).toBe(201);
    expect((await kubeCall(sandbox, 'prod-eu-1', '/api/v1/namespaces/payments/configmaps/1-config.v2')).status).toBe(404);
    const del = await kubeCall(sandbox, 'prod-eu-1', '/apis/apps/v1/namespaces/payments/deployments/payments-api?dryRun=All', { method: 'DELETE' });
    expect(del.status).toBe(200);
    expect((await kubeCall(sandbox, 'prod-eu-1', '/apis/apps/v1/namespaces/payments/deployments/payments-api')).status).toBe(200);
    const even = await kubeCall(sandbox, 'mgmt', '/apis/controlplane.cluster.x-k8s.io/v1beta2/namespaces/clusters/kubeadmcontrolplanes/prod-eu-1-control-plane?dryRun=All', {
      method: 'PATCH',
      body: { spec: { replicas: 4 } },
      contentType: 'application/merge-patch+json',
    });
    expect(even.status).toBe(422);
    expect(even.json.details.causes[0]).toMatchObject({ field: 'spec.replicas', reason: 'FieldValueForbidden', message: 'Forbidden: cannot be an even number when etcd is stacked' });
  });
});
