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

import { createBackendModule } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { bufferFromFileOrString, CoreV1Api } from '@kubernetes/client-node';
import {
  ClusterHealthResponse,
  HealthCheckResult,
} from '@platform-portal/plugin-platform-common';
import {
  ConfigClusterAccessService,
  platformHealthChecksExtensionPoint,
  readClusterConnections,
} from '@platform-portal/plugin-platform-node';
import { request as httpsRequest } from 'node:https';
import request from 'supertest';
import { platformPlugin } from '../plugin';
import { platformClustersSupplier } from '../kubernetes/platformClustersSupplier';
import { readPlatformConfig } from '../config/readPlatformConfig';
import { captureScheduler } from '../__testUtils__/captureScheduler';
import {
  expectCreated,
  RealKubeApiServer,
  realKubeBinariesForSuite,
  realKubeForSuite,
} from '../__testUtils__/realKubeApiServer';
import { TEST_CA_PEM } from '../__testUtils__/testCaCertificate';

jest.setTimeout(180_000);

const CLUSTER = 'realkube-1';

function readyNode(name: string, role: 'control-plane' | 'worker') {
  return {
    metadata: {
      name,
      labels: {
        'kubernetes.io/hostname': name,
        ...(role === 'control-plane'
          ? { 'node-role.kubernetes.io/control-plane': '' }
          : { 'node-role.kubernetes.io/worker': '' }),
      },
    },
  };
}

const READY_STATUS = {
  status: {
    capacity: { cpu: '8', memory: '32Gi', pods: '110' },
    allocatable: { cpu: '8', memory: '31Gi', pods: '110' },
    conditions: [
      { type: 'Ready', status: 'True', reason: 'KubeletReady' },
      {
        type: 'MemoryPressure',
        status: 'False',
        reason: 'KubeletHasSufficientMemory',
      },
      {
        type: 'DiskPressure',
        status: 'False',
        reason: 'KubeletHasNoDiskPressure',
      },
      {
        type: 'PIDPressure',
        status: 'False',
        reason: 'KubeletHasSufficientPID',
      },
    ].map(c => ({
      ...c,
      lastHeartbeatTime: new Date().toISOString(),
      lastTransitionTime: new Date().toISOString(),
    })),
  },
};

/** Nodes with a kubelet's status, a team namespace and a Deployment, through the REST API. */
async function seed(kube: RealKubeApiServer) {
  for (const [name, role] of [
    ['cp-1', 'control-plane'],
    ['worker-1', 'worker'],
    ['worker-2', 'worker'],
  ] as const) {
    await expectCreated(
      kube.request('POST', '/api/v1/nodes', readyNode(name, role)),
    );
    // No kubelet runs: the status a kubelet would report is written through the subresource.
    await expectCreated(
      kube.request('PATCH', `/api/v1/nodes/${name}/status`, READY_STATUS, {
        contentType: 'application/merge-patch+json',
      }),
    );
  }
  await expectCreated(
    kube.request('POST', '/api/v1/namespaces', {
      metadata: { name: 'team-a' },
    }),
  );
  await expectCreated(
    kube.request('POST', '/apis/apps/v1/namespaces/team-a/deployments', {
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            containers: [
              { name: 'web', image: 'registry.example.internal/web:1.0.0' },
            ],
          },
        },
      },
    }),
  );
}

/** The Cilium agent and operator as a cluster runs them, with the status their controllers report. */
async function seedCilium(kube: RealKubeApiServer) {
  const labels = { 'k8s-app': 'cilium' };
  const template = {
    metadata: { labels },
    spec: {
      containers: [{ name: 'cilium', image: 'quay.io/cilium/cilium:v1.16.0' }],
    },
  };
  const workloads = [
    {
      path: '/apis/apps/v1/namespaces/kube-system/daemonsets',
      name: 'cilium',
      spec: { selector: { matchLabels: labels }, template },
      status: {
        desiredNumberScheduled: 3,
        currentNumberScheduled: 3,
        numberReady: 3,
        numberMisscheduled: 0,
      },
    },
    {
      path: '/apis/apps/v1/namespaces/kube-system/deployments',
      name: 'cilium-operator',
      spec: { replicas: 1, selector: { matchLabels: labels }, template },
      status: { replicas: 1, readyReplicas: 1, availableReplicas: 1 },
    },
  ];
  for (const { path, name, spec, status } of workloads) {
    await expectCreated(
      kube.request('POST', path, { metadata: { name, labels }, spec }),
    );
    // No controller runs: the status it would report goes through the subresource.
    await expectCreated(
      kube.request(
        'PATCH',
        `${path}/${name}/status`,
        { status },
        {
          contentType: 'application/merge-patch+json',
        },
      ),
    );
  }
}

/** A check of our own that reads Deployments, so the test sees the seeded object come back. */
const deploymentsCheck = createBackendModule({
  pluginId: 'platform',
  moduleId: 'realkube-test-checks',
  register(env) {
    env.registerInit({
      deps: { checks: platformHealthChecksExtensionPoint },
      async init({ checks }) {
        checks.addHealthChecks({
          id: 'cicd.realkube-web-deployment',
          layer: 'cicd',
          title: 'The seeded web Deployment is readable',
          async run({ kubernetes }) {
            const { items, observedAt } = await kubernetes.list(
              'apps/v1',
              'Deployment',
            );
            const web = items.find(d => d.metadata?.name === 'web');
            return {
              verdict: web ? 'ok' : 'critical',
              message: web ? 'web is there' : 'web is missing',
              evidence: [
                {
                  object: 'Deployment/team-a/web',
                  field: 'metadata.uid',
                  value: String(
                    (web?.metadata as { uid?: string } | undefined)?.uid ??
                      'not found',
                  ),
                  observedAt,
                },
              ],
            };
          },
        });
      },
    });
  },
});

const SUITE = 'health against a real kube-apiserver with its own CA';
const binaries = realKubeBinariesForSuite(SUITE);

(binaries ? describe : describe.skip)(SUITE, () => {
  let kube: RealKubeApiServer;

  beforeAll(async () => {
    kube = await realKubeForSuite('product', binaries!);
    await seed(kube);
    await seedCilium(kube);
  });

  afterAll(async () => {
    await kube?.stop();
  });

  function clusterConfig(kubernetes: JsonObject): JsonObject {
    return {
      platform: {
        clusters: [
          {
            name: CLUSTER,
            provisioner: 'kubeadm',
            environment: 'test',
            kubernetes,
          },
        ],
        clients: { timeoutMs: 15_000, maxRetries: 1 },
        health: { refreshIntervalSeconds: 3600 },
      },
    };
  }

  /** Starts the portal on that config, runs one refresh, returns the cluster's health. */
  async function refreshWith(
    kubernetes: JsonObject,
  ): Promise<ClusterHealthResponse> {
    const capture = captureScheduler();
    const backend = await startTestBackend({
      features: [
        platformPlugin,
        capture.module,
        deploymentsCheck,
        mockServices.rootConfig.factory({ data: clusterConfig(kubernetes) }),
      ],
    });
    try {
      await capture.refreshHealth();
      const res = await request(backend.server).get(
        `/api/platform/health/${CLUSTER}`,
      );
      expect(res.status).toBe(200);
      return res.body;
    } finally {
      await backend.stop();
    }
  }

  const checksOf = (
    health: ClusterHealthResponse,
  ): Record<string, HealthCheckResult> =>
    Object.fromEntries(
      health.layers.flatMap(l => l.checks).map(c => [c.id, c]),
    );

  it('reads nodes and Deployments over HTTPS, trusting the cluster CA from kubernetes.caData', async () => {
    const checks = checksOf(
      await refreshWith({
        url: kube.url,
        caData: kube.caData,
        token: kube.readerToken,
      }),
    );
    expect(checks['hardware.workers-ready']).toMatchObject({
      verdict: 'ok',
      message: '2 worker nodes Ready',
    });
    expect(checks['hardware.node-pressure']).toMatchObject({
      verdict: 'ok',
      message: 'No pressure on 3 nodes',
    });
    const web = checks['cicd.realkube-web-deployment'];
    expect(web.verdict).toBe('ok');
    // The uid the server assigned: the object was read back from the real store.
    expect(web.evidence[0].value).toMatch(/^[0-9a-f-]{36}$/);
    const tlsFailures = Object.values(checks).filter(c =>
      /does not trust|could not be reached/.test(c.message),
    );
    expect(tlsFailures).toEqual([]);
  });

  it('finds built-in objects in lists, whose items a real server sends without kind and apiVersion', async () => {
    const checks = checksOf(
      await refreshWith({
        url: kube.url,
        caData: kube.caData,
        token: kube.readerToken,
      }),
    );
    const cilium = checks['networking.cilium-agents'];
    expect(cilium.message).not.toContain('missing');
    expect(cilium).toMatchObject({
      verdict: 'ok',
      message: 'All components are ready',
    });
    expect(cilium.evidence.map(e => [e.object, e.field, e.value])).toEqual(
      expect.arrayContaining([
        ['DaemonSet/kube-system/cilium', 'ready/desired', '3/3'],
        ['Deployment/kube-system/cilium-operator', 'ready/desired', '1/1'],
      ]),
    );
  });

  it('honours skipTLSVerify for a cluster whose CA the portal is not given', async () => {
    const checks = checksOf(
      await refreshWith({
        url: kube.url,
        skipTLSVerify: true,
        token: kube.readerToken,
      }),
    );
    expect(checks['hardware.workers-ready'].verdict).toBe('ok');
  });

  it('is unreachable (TLS) with a certificate error naming kubernetes.caData when the CA is wrong', async () => {
    const health = await refreshWith({
      url: kube.url,
      caData: TEST_CA_PEM,
      token: kube.readerToken,
    });
    expect(health.verdict).toBe('critical');
    expect(health.unreachable).toMatchObject({
      endpoint: kube.url,
      errorClass: 'tls',
    });
    const { message } = health.unreachable!;
    expect(message).toContain(`Kubernetes API of cluster ${CLUSTER}`);
    expect(message).toMatch(
      /certificate the portal does not trust \((UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)/,
    );
    expect(message).toContain('platform.clusters[0].kubernetes.caData');
    expect(JSON.stringify(health)).not.toContain(kube.readerToken);
    // Nothing was read before: no layer claims a verdict it never saw.
    expect(checksOf(health)['hardware.workers-ready']).toBeUndefined();
  });

  it('without caData, the system roots do not trust the cluster either', async () => {
    const health = await refreshWith({
      url: kube.url,
      token: kube.readerToken,
    });
    expect(health.unreachable).toMatchObject({ errorClass: 'tls' });
    expect(health.unreachable!.message).toContain(
      'platform.clusters[0].kubernetes.caData',
    );
  });

  it('hands the official Kubernetes plugin a caData its connection code accepts', async () => {
    const config = mockServices.rootConfig({
      data: clusterConfig({
        url: kube.url,
        caData: kube.caData,
        token: kube.readerToken,
      }),
    });
    const [details] = await platformClustersSupplier(
      readPlatformConfig(config).clusters,
    ).getClusters({ credentials: undefined as any });
    // As @backstage/plugin-kubernetes-backend's KubernetesConnection builds its agent.
    const ca = bufferFromFileOrString(undefined, details.caData) ?? undefined;
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpsRequest(
        `${details.url}/api/v1/namespaces`,
        {
          ca,
          rejectUnauthorized: !details.skipTLSVerify,
          headers: {
            Authorization: `Bearer ${details.authMetadata.serviceAccountToken}`,
          },
          timeout: 15_000,
        },
        res => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(200);
  });

  it('gives the self-service actions and the catalog (platform-node cluster access) the same trust', async () => {
    const access = (kubernetes: JsonObject) =>
      new ConfigClusterAccessService(
        readClusterConnections(
          mockServices.rootConfig({ data: clusterConfig(kubernetes) }),
        ),
      );
    const trusted = access({
      url: kube.url,
      caData: kube.caData,
      token: kube.readerToken,
    });
    const namespaces = await trusted
      .kubeConfig(CLUSTER)
      .makeApiClient(CoreV1Api)
      .listNamespace();
    expect(namespaces.items.map(n => n.metadata?.name)).toContain('team-a');

    const wrongCa = access({
      url: kube.url,
      caData: TEST_CA_PEM,
      token: kube.readerToken,
    });
    const refused = await wrongCa
      .kubeConfig(CLUSTER)
      .makeApiClient(CoreV1Api)
      .listNamespace()
      .then(
        () => undefined,
        (error: Error & { cause?: { code?: string } }) => error,
      );
    // client-node's fetch fails with Node's certificate code as the cause.
    expect(refused?.cause?.code).toMatch(
      /^(SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)$/,
    );
  });
});
