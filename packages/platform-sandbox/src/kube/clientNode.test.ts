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
  ApiException,
  AuthorizationV1Api,
  CoreV1Api,
  KubeConfig,
  KubernetesObjectApi,
  makeInformer,
  PatchStrategy,
  V1Deployment,
  Watch,
} from '@kubernetes/client-node';
import { kubeconfigYaml } from '../server/kubeconfig';
import { Sandbox } from '../server/startSandbox';
import { startTestSandbox } from '../server/testSupport';

const CLUSTER = 'prod-eu-1';

function statusOf(error: unknown): { code: number; body: any } {
  if (!(error instanceof ApiException)) throw error;
  const body = typeof error.body === 'string' ? JSON.parse(error.body) : error.body;
  return { code: error.code, body };
}

async function failure(promise: Promise<unknown>): Promise<{ code: number; body: any }> {
  try {
    await promise;
  } catch (error) {
    return statusOf(error);
  }
  throw new Error('expected the call to fail');
}

jest.setTimeout(30_000);

describe('@kubernetes/client-node against the simulated API server', () => {
  let sandbox: Sandbox;
  let kc: KubeConfig;
  let core: CoreV1Api;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    kc = new KubeConfig();
    kc.loadFromString(sandbox.kubeconfig());
    kc.setCurrentContext(CLUSTER);
    core = kc.makeApiClient(CoreV1Api);
  });

  afterAll(async () => {
    await sandbox.stop();
  });

  it('lists the nodes of the scenario, all Ready with the scenario version', async () => {
    const nodes = await core.listNode();
    expect(nodes.items).toHaveLength(8);
    for (const node of nodes.items) {
      expect(node.status?.conditions?.find(c => c.type === 'Ready')?.status).toBe('True');
      expect(node.status?.nodeInfo?.kubeletVersion).toBe('v1.33.4');
    }
  });

  it('pages a list with limit/continue over one consistent snapshot', async () => {
    const all = await core.listPodForAllNamespaces();
    const seen: string[] = [];
    let token: string | undefined;
    const versions = new Set<string>();
    do {
      const page = await core.listPodForAllNamespaces({ limit: 7, _continue: token });
      seen.push(...page.items.map(p => `${p.metadata?.namespace}/${p.metadata?.name}`));
      versions.add(page.metadata?.resourceVersion ?? '');
      token = page.metadata?._continue || undefined;
      // Writes between pages must not show up in the pages.
      if (token) {
        await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { generateName: 'noise-' } } });
      }
    } while (token);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(all.items.map(p => `${p.metadata?.namespace}/${p.metadata?.name}`).sort());
    expect(versions.size).toBe(1);
  });

  it('answers an old continue token with 410 Expired', async () => {
    const first = await core.listNamespacedPod({ namespace: 'kube-system', limit: 1 });
    expect(first.metadata?._continue).toBeTruthy();
    await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'after-token' } } });
    sandbox.clock.advance(6 * 60_000);
    const { code, body } = await failure(core.listNamespacedPod({ namespace: 'kube-system', limit: 1, _continue: first.metadata!._continue }));
    expect(code).toBe(410);
    expect(body).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'Expired', code: 410 });
  });

  it('filters with label and field selectors', async () => {
    const cilium = await core.listNamespacedPod({ namespace: 'kube-system', labelSelector: 'app.kubernetes.io/name in (cilium),k8s-app' });
    expect(cilium.items).toHaveLength(8);
    const node = cilium.items[0].spec!.nodeName!;
    const onNode = await core.listPodForAllNamespaces({ fieldSelector: `spec.nodeName=${node},status.phase=Running` });
    expect(onNode.items.length).toBeGreaterThan(0);
    expect(onNode.items.every(p => p.spec?.nodeName === node)).toBe(true);
    const notCilium = await core.listNamespacedPod({ namespace: 'kube-system', labelSelector: 'app.kubernetes.io/name!=cilium,!tier' });
    expect(notCilium.items.some(p => p.metadata?.labels?.['app.kubernetes.io/name'] === 'cilium')).toBe(false);
    expect(notCilium.items.some(p => p.metadata?.labels?.tier)).toBe(false);
    const bad = await failure(core.listPodForAllNamespaces({ fieldSelector: 'spec.image=x' }));
    expect(bad.code).toBe(400);
  });

  it('watches from a list resourceVersion and sees every change in order', async () => {
    const list = await core.listNamespacedConfigMap({ namespace: 'default' });
    await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'watched' }, data: { a: '1' } } });
    const events: string[] = [];
    let resolveDone: () => void;
    const done = new Promise<void>(resolve => {
      resolveDone = resolve;
    });
    const controller = await new Watch(kc).watch(
      '/api/v1/namespaces/default/configmaps',
      { resourceVersion: list.metadata!.resourceVersion!, allowWatchBookmarks: true },
      (type, object) => {
        if (type !== 'BOOKMARK' && object.metadata.name === 'watched') events.push(`${type}:${object.data?.a ?? ''}`);
        if (type === 'DELETED') resolveDone();
      },
      () => undefined,
    );
    // client-node sends a JSON patch (application/json-patch+json) by default.
    await core.patchNamespacedConfigMap({ namespace: 'default', name: 'watched', body: [{ op: 'replace', path: '/data/a', value: '2' }] });
    await core.deleteNamespacedConfigMap({ namespace: 'default', name: 'watched' });
    await done;
    controller.abort();
    expect(events).toEqual(['ADDED:1', 'MODIFIED:2', 'DELETED:2']);
  });

  it('feeds a client-node informer: it starts on a quiet resource and sees adds and updates', async () => {
    const informer = makeInformer(kc, '/api/v1/namespaces/kube-public/configmaps', () => core.listNamespacedConfigMap({ namespace: 'kube-public' }));
    const seen: string[] = [];
    const updated = new Promise<void>(resolve => {
      informer.on('update', object => {
        seen.push(`update:${object.metadata?.name}`);
        resolve();
      });
    });
    informer.on('add', object => seen.push(`add:${object.metadata?.name}`));
    // Resolves only once the watch's response headers arrive, before any event exists.
    await informer.start();
    await core.createNamespacedConfigMap({ namespace: 'kube-public', body: { metadata: { name: 'informed' }, data: { a: '1' } } });
    await core.patchNamespacedConfigMap({ namespace: 'kube-public', name: 'informed', body: [{ op: 'replace', path: '/data/a', value: '2' }] });
    await updated;
    await informer.stop();
    expect(seen).toEqual(['add:kube-root-ca.crt', 'add:informed', 'update:informed']);
  });

  it('sends BOOKMARK events when asked, and an ERROR event with a 410 Status for a compacted resourceVersion', async () => {
    const list = await core.listNamespacedConfigMap({ namespace: 'default' });
    const bookmark = await new Promise<any>((resolve, reject) => {
      new Watch(kc)
        .watch('/api/v1/namespaces/default/configmaps', { resourceVersion: list.metadata!.resourceVersion!, allowWatchBookmarks: true }, (type, object) => {
          if (type === 'BOOKMARK') resolve(object);
        }, reject)
        .then(controller => setTimeout(() => controller.abort(), 3000), reject);
    });
    expect(Number(bookmark.metadata.resourceVersion)).toBeGreaterThanOrEqual(Number(list.metadata!.resourceVersion));

    await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { generateName: 'later-' } } });
    sandbox.clock.advance(6 * 60_000);
    const error = await new Promise<any>((resolve, reject) => {
      new Watch(kc).watch('/api/v1/namespaces/default/configmaps', { resourceVersion: list.metadata!.resourceVersion! }, (type, object) => {
        if (type === 'ERROR') resolve(object);
      }, () => undefined).catch(reject);
    });
    expect(error).toMatchObject({ kind: 'Status', code: 410, reason: 'Expired' });
  });

  it('applies server-side: creates, is idempotent, reports conflicts, forces, and dry-runs', async () => {
    const objects = KubernetesObjectApi.makeApiClient(kc);
    const config = (replicas: number): V1Deployment => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'ssa-demo', namespace: 'payments', labels: { 'app.kubernetes.io/name': 'ssa-demo' } },
      spec: {
        replicas,
        selector: { matchLabels: { app: 'ssa-demo' } },
        template: { metadata: { labels: { app: 'ssa-demo' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
      },
    });
    const created = await objects.patch(config(2), undefined, undefined, 'argocd-controller', false, PatchStrategy.ServerSideApply);
    expect(created.metadata?.managedFields?.[0]).toMatchObject({ manager: 'argocd-controller', operation: 'Apply' });
    const again = await objects.patch(config(2), undefined, undefined, 'argocd-controller', false, PatchStrategy.ServerSideApply);
    expect(again.metadata?.resourceVersion).toBe(created.metadata?.resourceVersion);

    const conflict = await failure(objects.patch(config(5), undefined, undefined, 'kubectl', false, PatchStrategy.ServerSideApply));
    expect(conflict.code).toBe(409);
    expect(conflict.body.reason).toBe('Conflict');
    expect(conflict.body.message).toBe('Apply failed with 1 conflict: conflict with "argocd-controller": .spec.replicas');
    expect(conflict.body.details.causes).toEqual([{ reason: 'FieldManagerConflict', message: 'conflict with "argocd-controller"', field: '.spec.replicas' }]);

    const dryRun = await objects.patch(config(4), undefined, 'All', 'kubectl', true, PatchStrategy.ServerSideApply);
    expect((dryRun as any).spec.replicas).toBe(4);
    const stored = await objects.read({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'ssa-demo', namespace: 'payments' } });
    expect((stored as any).spec.replicas).toBe(2);

    const forced = await objects.patch(config(5), undefined, undefined, 'kubectl', true, PatchStrategy.ServerSideApply);
    expect((forced as any).spec.replicas).toBe(5);
    const owners = forced.metadata?.managedFields?.map(f => [f.manager, JSON.stringify(f.fieldsV1)]);
    expect(owners?.find(([m]) => m === 'kubectl')?.[1]).toContain('f:replicas');
    expect(owners?.find(([m]) => m === 'argocd-controller')?.[1]).not.toContain('f:replicas');
  });

  it('reports Status errors as upstream does', async () => {
    const missing = await failure(core.readNamespace({ name: 'nope' }));
    expect(missing).toEqual({
      code: 404,
      body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'namespaces "nope" not found', reason: 'NotFound', details: { name: 'nope', kind: 'namespaces' }, code: 404 },
    });
    const exists = await failure(core.createNamespace({ body: { metadata: { name: 'payments' } } }));
    expect(exists.code).toBe(409);
    expect(exists.body).toMatchObject({ reason: 'AlreadyExists', message: 'namespaces "payments" already exists' });
    const invalidName = await failure(core.createNamespace({ body: { metadata: { name: 'Bad_Name' } } }));
    expect(invalidName.code).toBe(422);
    expect(invalidName.body.reason).toBe('Invalid');
    expect(invalidName.body.details).toMatchObject({ name: 'Bad_Name', kind: 'Namespace' });
    expect(invalidName.body.details.causes[0]).toMatchObject({ reason: 'FieldValueInvalid', field: 'metadata.name' });
    expect(invalidName.body.message).toContain('Namespace "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 label must consist of');
    const stale = await core.readNamespacedConfigMap({ namespace: 'kube-system', name: 'kube-root-ca.crt' });
    await core.replaceNamespacedConfigMap({ namespace: 'kube-system', name: 'kube-root-ca.crt', body: { ...stale, data: { 'ca.crt': 'x' } } });
    const conflict = await failure(core.replaceNamespacedConfigMap({ namespace: 'kube-system', name: 'kube-root-ca.crt', body: stale }));
    expect(conflict.code).toBe(409);
    expect(conflict.body.message).toBe('Operation cannot be fulfilled on configmaps "kube-root-ca.crt": the object has been modified; please apply your changes to the latest version and try again');
  });

  it('authorizes per token: team deployers in their namespaces only, the reader read-only, bad tokens 401', async () => {
    const configFor = (token: string) => {
      const config = new KubeConfig();
      config.loadFromString(kubeconfigYaml([{ name: CLUSTER, url: sandbox.kubernetesUrl(CLUSTER), certificateAuthority: sandbox.caData(CLUSTER), token }]));
      return config;
    };
    const team = configFor(sandbox.credentials.kubernetes[CLUSTER].teams['team-payments']);
    const teamCore = team.makeApiClient(CoreV1Api);
    expect((await teamCore.listNamespacedPod({ namespace: 'payments' })).items.length).toBeGreaterThan(0);
    const denied = await failure(teamCore.listNamespacedPod({ namespace: 'storefront' }));
    expect(denied.code).toBe(403);
    expect(denied.body.message).toBe('pods is forbidden: User "system:serviceaccount:payments:team-payments-deployer" cannot list resource "pods" in API group "" in the namespace "storefront"');
    const review = await team.makeApiClient(AuthorizationV1Api).createSelfSubjectAccessReview({
      body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { namespace: 'payments', verb: 'create', group: 'apps', resource: 'deployments' } } },
    });
    expect(review.status?.allowed).toBe(true);
    const elsewhere = await team.makeApiClient(AuthorizationV1Api).createSelfSubjectAccessReview({
      body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { verb: 'list', resource: 'nodes' } } },
    });
    expect(elsewhere.status?.allowed).toBe(false);

    const reader = configFor(sandbox.credentials.kubernetes[CLUSTER].reader).makeApiClient(CoreV1Api);
    expect((await reader.listNode()).items).toHaveLength(8);
    const write = await failure(reader.createNamespace({ body: { metadata: { name: 'reader-made' } } }));
    expect(write.code).toBe(403);
    expect(write.body.message).toContain('cannot create resource "namespaces" in API group "" at the cluster scope');

    const anonymous = await failure(configFor('not-a-token').makeApiClient(CoreV1Api).listNode());
    expect(anonymous.code).toBe(401);
  });

  it('serves Cluster API objects in v1beta2 and v1beta1 from the management cluster', async () => {
    const mgmt = new KubeConfig();
    mgmt.loadFromString(sandbox.kubeconfig());
    mgmt.setCurrentContext('mgmt');
    const objects = KubernetesObjectApi.makeApiClient(mgmt);
    const ref = { metadata: { name: 'prod-eu-1', namespace: 'clusters' }, kind: 'Cluster' };
    const v2 = (await objects.read({ ...ref, apiVersion: 'cluster.x-k8s.io/v1beta2' })) as any;
    const v1 = (await objects.read({ ...ref, apiVersion: 'cluster.x-k8s.io/v1beta1' })) as any;
    expect(v2.status.initialization).toEqual({ infrastructureProvisioned: true, controlPlaneInitialized: true });
    expect(v2.status.workers).toMatchObject({ desiredReplicas: 5, readyReplicas: 5 });
    expect(v2.status.conditions.find((c: any) => c.type === 'Available')).toMatchObject({ status: 'True', reason: 'Available' });
    expect(v1.status.controlPlaneReady).toBe(true);
    expect(v1.status.v1beta2.conditions).toEqual(v2.status.conditions);
    expect(v1.spec.controlPlaneRef.apiVersion).toBe('controlplane.cluster.x-k8s.io/v1beta1');
    const mgmtCore = mgmt.makeApiClient(CoreV1Api);
    const kubeconfig = await mgmtCore.readNamespacedSecret({ namespace: 'clusters', name: 'prod-eu-1-kubeconfig' });
    expect(kubeconfig.type).toBe('cluster.x-k8s.io/secret');
    const fromSecret = new KubeConfig();
    fromSecret.loadFromString(Buffer.from(kubeconfig.data!.value, 'base64').toString('utf8'));
    expect((await fromSecret.makeApiClient(CoreV1Api).listNode()).items).toHaveLength(8);
  });
});
