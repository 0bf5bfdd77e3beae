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

import { join } from 'node:path';
// The real control plane, its controllers and the stack's CRDs come from the sandbox.
import {
  expectCreated,
  gatewayApiSource,
  loadCrds,
  RealKubeApiServer,
  realKubeBinariesForSuite,
  realKubeControllersForSuite,
  realKubeForSuite,
  STACK_CRD_SOURCES,
} from '@platform-portal/platform-sandbox';
import { REPO_ROOT } from './__testUtils__/BackendReplica';
import { renderKustomization } from './__testUtils__/renderKustomization';

jest.setTimeout(240_000);

/*
 * deploy/portal, rendered as deployManifests.test.ts renders it, applied by
 * server-side apply under Argo CD's field manager to a real management
 * cluster and rolled out by the real controllers: kube-controller-manager
 * makes the ReplicaSet and its pods, kube-scheduler binds them to nodes,
 * kwok reports them running as a kubelet would.
 */

const SUITE = 'deploy/portal rolls out on a real control plane';
const binaries = realKubeBinariesForSuite(SUITE);
const controllerBinaries = realKubeControllersForSuite(SUITE);

const NAMESPACE = 'backstage';
const NODES = ['mgmt-worker-1', 'mgmt-worker-2', 'mgmt-worker-3'];
/** The CRDs deploy/portal's kinds need beside the built-in ones. */
const CRDS = [
  'certificates.cert-manager.io',
  'ciliumnetworkpolicies.cilium.io',
  'httproutes.gateway.networking.k8s.io',
  'referencegrants.gateway.networking.k8s.io',
];

type Obj = Record<string, any>;

/** Polls `read` until `done` holds; on the deadline fails with the last value. */
async function eventually<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 120_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) {
      throw new Error(`${what} did not happen: ${JSON.stringify(value)}`);
    }
    await new Promise(r => setTimeout(r, 500));
  }
}

function kwokNode(name: string): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      annotations: { 'kwok.x-k8s.io/node': 'fake' },
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'node-role.kubernetes.io/worker': '',
        type: 'kwok',
      },
    },
    status: {
      capacity: { cpu: '4', memory: '16Gi', pods: '110' },
      allocatable: { cpu: '3800m', memory: '15Gi', pods: '110' },
      nodeInfo: {
        kubeletVersion: 'v1.37.2',
        osImage: 'Ubuntu 24.04.2 LTS',
        kernelVersion: '6.8.0-60-generic',
        containerRuntimeVersion: 'containerd://1.7.27',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
}

(binaries && controllerBinaries ? describe : describe.skip)(SUITE, () => {
  let kube: RealKubeApiServer;
  const manifests = renderKustomization(join(REPO_ROOT, 'deploy/portal'));

  const get = (path: string) => expectCreated(kube.request<Obj>('GET', path));

  beforeAll(async () => {
    kube = await realKubeForSuite('management', binaries!, controllerBinaries!);
    const crds = loadCrds([
      gatewayApiSource('standard'),
      ...STACK_CRD_SOURCES,
    ]).filter(crd => CRDS.includes(crd.metadata.name));
    if (crds.length !== CRDS.length) {
      throw new Error(`expected the CRDs ${CRDS.join(', ')}`);
    }
    for (const crd of crds) {
      await expectCreated(
        kube.request(
          'POST',
          '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
          crd,
        ),
      );
    }
    for (const crd of crds) {
      await eventually(
        `CRD ${crd.metadata.name} Established`,
        () =>
          get(
            `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crd.metadata.name}`,
          ),
        current =>
          current.status?.conditions?.some(
            (c: Obj) => c.type === 'Established' && c.status === 'True',
          ),
      );
    }
    for (const name of NODES) {
      const node = kwokNode(name);
      await expectCreated(
        kube.request('POST', '/api/v1/nodes', { ...node, status: undefined }),
      );
      // Merged, not replaced: kwok and the node controller write it too.
      await expectCreated(
        kube.request(
          'PATCH',
          `/api/v1/nodes/${name}/status`,
          { status: node.status },
          { contentType: 'application/merge-patch+json' },
        ),
      );
    }
  });

  afterAll(async () => {
    await kube?.stop();
  });

  it('applies under argocd-controller and rolls out to Ready pods on the nodes', async () => {
    for (const manifest of manifests) {
      const { group, version } = manifest.apiVersion.includes('/')
        ? {
            group: manifest.apiVersion.split('/')[0],
            version: manifest.apiVersion.split('/')[1],
          }
        : { group: '', version: manifest.apiVersion };
      const base = group ? `/apis/${group}/${version}` : `/api/${version}`;
      const discovery = await get(base);
      const resource = discovery.resources.find(
        (r: Obj) => r.kind === manifest.kind && !r.name.includes('/'),
      );
      const namespace = manifest.metadata.namespace ?? NAMESPACE;
      const path = `${base}${
        resource.namespaced ? `/namespaces/${namespace}` : ''
      }/${resource.name}/${manifest.metadata.name}`;
      await expectCreated(
        kube.request(
          'PATCH',
          `${path}?fieldManager=argocd-controller`,
          JSON.stringify(manifest),
          { contentType: 'application/apply-patch+yaml' },
        ),
      );
    }

    const deploymentPath = `/apis/apps/v1/namespaces/${NAMESPACE}/deployments/platform-portal`;
    const deployment = await eventually(
      'the rollout',
      () => get(deploymentPath),
      d =>
        d.status?.observedGeneration === d.metadata.generation &&
        d.status?.readyReplicas === d.spec.replicas &&
        d.status?.updatedReplicas === d.spec.replicas,
    );
    expect(deployment.spec.replicas).toBe(2);
    expect(
      deployment.status.conditions.find((c: Obj) => c.type === 'Available')
        .status,
    ).toBe('True');

    // The ReplicaSet is the controller manager's, owned by the Deployment.
    const replicaSets = (
      await get(`/apis/apps/v1/namespaces/${NAMESPACE}/replicasets`)
    ).items;
    expect(replicaSets).toHaveLength(1);
    expect(replicaSets[0].metadata.ownerReferences[0]).toMatchObject({
      kind: 'Deployment',
      name: 'platform-portal',
      uid: deployment.metadata.uid,
    });
    expect(
      replicaSets[0].metadata.managedFields.map((f: Obj) => f.manager),
    ).toContain('kube-controller-manager');

    // Its pods, bound by the scheduler to the nodes, running and ready.
    const pods = (
      await get(
        `/api/v1/namespaces/${NAMESPACE}/pods?labelSelector=app.kubernetes.io%2Fname%3Dplatform-portal`,
      )
    ).items;
    expect(pods).toHaveLength(2);
    for (const pod of pods) {
      expect(pod.metadata.ownerReferences[0]).toMatchObject({
        kind: 'ReplicaSet',
        name: replicaSets[0].metadata.name,
      });
      expect(NODES).toContain(pod.spec.nodeName);
      expect(pod.status.phase).toBe('Running');
      expect(
        pod.status.conditions.find((c: Obj) => c.type === 'PodScheduled'),
      ).toMatchObject({ status: 'True' });
    }

    // The Service's endpoints and the disruption budget follow the ready pods.
    const slices = await eventually(
      'the Service endpoints',
      async () =>
        (
          await get(
            `/apis/discovery.k8s.io/v1/namespaces/${NAMESPACE}/endpointslices?labelSelector=kubernetes.io%2Fservice-name%3Dplatform-portal`,
          )
        ).items as Obj[],
      items =>
        items.flatMap(s => s.endpoints ?? []).filter(e => e.conditions?.ready)
          .length === 2,
    );
    expect(
      slices
        .flatMap(s => s.endpoints)
        .map((e: Obj) => e.nodeName)
        .sort(),
    ).toEqual(pods.map((p: Obj) => p.spec.nodeName).sort());
    const budget = await eventually(
      'the disruption budget',
      () =>
        get(
          `/apis/policy/v1/namespaces/${NAMESPACE}/poddisruptionbudgets/platform-portal`,
        ),
      pdb => pdb.status?.currentHealthy === 2,
    );
    expect(budget.status.observedGeneration).toBe(budget.metadata.generation);
  });
});
