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

import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { TemplateAction } from '@backstage/plugin-scaffolder-node';
import fc from 'fast-check';
import {
  ClusterObjects,
  ConfigClusterAccessService,
  readClusterConnections,
  httpRouteManifest,
  parseHttpRouteRequest,
} from '@platform-portal/plugin-platform-node';
// The real control plane comes from the sandbox, as for the backend's suites.
import {
  expectCreated,
  RealKubeApiServer,
  realKubeBinariesForSuite,
  realKubeForSuite,
} from '@platform-portal/platform-sandbox';
import { platformPolicyDecisions } from './__testUtils__/platformPolicyPermissions';
import {
  contextFor,
  DOMAIN,
  NOTHING_BLOCKS_UPGRADES,
  userOf,
} from './__testUtils__/sandboxSupport';
import {
  Crd,
  gatewayApiSource,
  loadCrds,
  STACK_CRD_SOURCES,
} from './__testUtils__/stackCrds';
import { createPlatformActions } from './actions';
import { readSelfServiceConfig } from './config/readSelfServiceConfig';
import { applyManifests } from './kube/applyManifests';

/*
 * The eight platform actions against a real kube-apiserver over HTTPS with
 * its own CA, holding the upstream CRDs of the stack (see stackCrds.ts): the
 * real schemas and CEL rules check every manifest, dry runs go through
 * dryRun=All, real runs store objects, server-side apply meets other field
 * managers and RBAC refuses a team's token outside its namespace. No
 * controller runs; where an action waits for one, the test writes the status
 * that controller would, through the status subresource and the CRD's status
 * schema.
 */

const SUITE = 'scaffolder actions against a real API server';
const binaries = realKubeBinariesForSuite(SUITE);
const describeReal = binaries ? describe : describe.skip;

jest.setTimeout(120_000);

const WORKLOAD = 'prod-eu-1';
const MANAGEMENT = 'mgmt';
const GATEWAY = { namespace: 'traefik', name: 'traefik-gateway' };
const TEAM_LABELS = (team: string) => ({
  'platform-portal.io/owner': team,
  'platform-portal.io/team': team,
  'app.kubernetes.io/managed-by': 'platform-portal',
});

type Actions = Record<string, TemplateAction<any, any, any>>;

function portalConfig(
  server: RealKubeApiServer,
  writeTokens: { workload: string; management: string },
) {
  const kubernetes = (writeToken: string) => ({
    url: server.url,
    caData: server.caData,
    token: server.readerToken,
    writeToken,
  });
  return new ConfigReader({
    app: { baseUrl: 'http://localhost:3000' },
    integrations: {
      gitlab: [
        {
          host: `gitlab.${DOMAIN}`,
          apiBaseUrl: `https://gitlab.${DOMAIN}/api/v4`,
        },
      ],
    },
    platform: {
      clusters: [
        {
          name: MANAGEMENT,
          provisioner: 'cluster-api',
          environment: 'management',
          management: true,
          kubernetes: kubernetes(writeTokens.management),
        },
        {
          name: WORKLOAD,
          provisioner: 'cluster-api',
          environment: 'production',
          managementCluster: MANAGEMENT,
          kubernetes: kubernetes(writeTokens.workload),
        },
      ],
      selfService: {
        allowedDomains: [DOMAIN],
        argocd: { baseUrl: 'https://argocd.example.internal' },
        clusterOidc: { issuerUrl: `https://dex.${DOMAIN}` },
        pollIntervalMs: 50,
        waitTimeoutSeconds: 20,
      },
    },
  });
}

function actionsFor(
  server: RealKubeApiServer,
  writeTokens: { workload: string; management: string },
): Actions {
  const config = portalConfig(server, writeTokens);
  const list = createPlatformActions({
    clusters: new ConfigClusterAccessService(readClusterConnections(config)),
    config: readSelfServiceConfig(config),
    permissions: mockServices.permissions.mock({
      authorize: platformPolicyDecisions(),
    }),
    auditor: mockServices.auditor.mock(),
    upgrades: NOTHING_BLOCKS_UPGRADES,
  }) as TemplateAction<any, any, any>[];
  return Object.fromEntries(list.map(a => [a.id, a]));
}

const payments = () => userOf('pat', ['team-payments']);
const orders = () => userOf('olga', ['team-orders']);
const platform = () => userOf('pia', ['platform-team']);

/** One input per action, each valid for the objects seeded below. */
const INPUTS: Array<{
  id: string;
  user: () => ReturnType<typeof userOf>;
  input: Record<string, unknown>;
  /** Where the action writes: [apiPath of the object]. */
  writes: string[];
}> = [
  {
    id: 'platform:namespace:create',
    user: payments,
    input: {
      cluster: WORKLOAD,
      namespace: 'checkout',
      team: 'team-payments',
      entity: 'checkout-api',
      size: 'S',
    },
    writes: [
      '/api/v1/namespaces/checkout',
      '/api/v1/namespaces/checkout/resourcequotas/platform-quota',
      '/apis/cilium.io/v2/namespaces/checkout/ciliumnetworkpolicies/default-deny',
      '/apis/cilium.io/v2/namespaces/checkout/ciliumnetworkpolicies/allow-dns-egress',
    ],
  },
  {
    id: 'platform:httproute:create',
    user: payments,
    input: {
      cluster: WORKLOAD,
      namespace: 'payments',
      team: 'team-payments',
      name: 'payments-api',
      hostnames: [`payments.${DOMAIN}`],
      rules: [
        {
          path: '/',
          backends: [
            { service: 'payments-api', port: 8080, weight: 90 },
            { service: 'payments-api-canary', port: 8080, weight: 10 },
          ],
        },
      ],
    },
    writes: [
      '/apis/gateway.networking.k8s.io/v1/namespaces/payments/httproutes/payments-api',
    ],
  },
  {
    id: 'platform:certificate:create',
    user: payments,
    input: {
      cluster: WORKLOAD,
      namespace: 'payments',
      team: 'team-payments',
      name: 'payments-api',
      dnsNames: [`payments.${DOMAIN}`],
      issuer: 'letsencrypt-prod',
    },
    writes: [
      '/apis/cert-manager.io/v1/namespaces/payments/certificates/payments-api',
    ],
  },
  {
    id: 'platform:volume:create',
    user: payments,
    input: {
      cluster: WORKLOAD,
      namespace: 'payments',
      team: 'team-payments',
      name: 'ledger-data',
      size: '20Gi',
      replicas: 3,
    },
    writes: ['/api/v1/namespaces/payments/persistentvolumeclaims/ledger-data'],
  },
  {
    id: 'platform:argocd:create-app',
    user: payments,
    input: {
      cluster: WORKLOAD,
      namespace: 'payments',
      team: 'team-payments',
      name: 'payments-api',
      repoPath: 'team-payments/payments-api',
      path: 'deploy',
      targetRevision: 'main',
    },
    writes: [
      '/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/payments-api',
    ],
  },
  {
    id: 'platform:cluster:create',
    user: platform,
    input: {
      name: 'prod-eu-3',
      managementCluster: MANAGEMENT,
      environment: 'production',
      region: 'eu-central',
      version: 'v1.36.4',
      controlPlaneReplicas: 3,
      workerReplicas: 5,
    },
    writes: [
      '/apis/cluster.x-k8s.io/v1beta2/namespaces/clusters/clusters/prod-eu-3',
      '/apis/controlplane.cluster.x-k8s.io/v1beta2/namespaces/clusters/kubeadmcontrolplanes/prod-eu-3-control-plane',
      '/apis/cluster.x-k8s.io/v1beta2/namespaces/clusters/machinedeployments/prod-eu-3-md-0',
    ],
  },
  {
    id: 'platform:cluster:scale',
    user: platform,
    input: { cluster: WORKLOAD, pool: 'workers', replicas: 6 },
    writes: [],
  },
  {
    id: 'platform:cluster:upgrade',
    user: platform,
    input: { cluster: WORKLOAD, version: 'v1.37.1' },
    writes: [],
  },
];

async function ok<T = any>(
  pending: ReturnType<RealKubeApiServer['request']>,
): Promise<T> {
  return (await expectCreated(pending)) as T;
}

/** Server-side apply as a named field manager, as the cluster's controllers do. */
function applyAs(
  server: RealKubeApiServer,
  path: string,
  object: Record<string, unknown>,
  fieldManager: string,
  subresource = '',
) {
  return ok(
    server.request(
      'PATCH',
      `${path}${subresource}?fieldManager=${fieldManager}&force=true`,
      JSON.stringify(object),
      { contentType: 'application/apply-patch+yaml' },
    ),
  );
}

async function installCrds(server: RealKubeApiServer, crds: Crd[]) {
  for (const crd of crds) {
    await applyAs(
      server,
      `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crd.metadata.name}`,
      crd as unknown as Record<string, unknown>,
      'platform-portal-test',
    );
  }
  const deadline = Date.now() + 60_000;
  for (const crd of crds) {
    for (;;) {
      const current = await ok(
        server.request(
          'GET',
          `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crd.metadata.name}`,
        ),
      );
      const established = current.status?.conditions?.some(
        (c: any) => c.type === 'Established' && c.status === 'True',
      );
      if (established) break;
      if (Date.now() > deadline)
        throw new Error(`CRD ${crd.metadata.name} is not Established`);
      await new Promise(r => setTimeout(r, 200));
    }
  }
}

const CAPI = '/apis/cluster.x-k8s.io/v1beta2/namespaces/clusters';
const KCP = '/apis/controlplane.cluster.x-k8s.io/v1beta2/namespaces/clusters';

async function seed(server: RealKubeApiServer, crds: Crd[]) {
  // The portal's reader reads the stack's kinds too, as installed in a cluster.
  await applyAs(
    server,
    '/apis/rbac.authorization.k8s.io/v1/clusterroles/platform-portal-reader-stack',
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'platform-portal-reader-stack' },
      rules: [
        {
          apiGroups: [...new Set(crds.map(c => c.spec.group as string))],
          resources: ['*'],
          verbs: ['get', 'list', 'watch'],
        },
      ],
    },
    'platform-portal-test',
  );
  await applyAs(
    server,
    '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/platform-portal-reader-stack',
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'platform-portal-reader-stack' },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: 'platform-portal-reader-stack',
      },
      subjects: [
        {
          kind: 'ServiceAccount',
          name: 'portal-reader',
          namespace: 'backstage',
        },
      ],
    },
    'platform-portal-test',
  );
  for (const [name, labels] of [
    [GATEWAY.namespace, {}],
    ['argocd', {}],
    ['clusters', {}],
    ['payments', TEAM_LABELS('team-payments')],
    ['orders', TEAM_LABELS('team-orders')],
  ] as const) {
    await applyAs(
      server,
      `/api/v1/namespaces/${name}`,
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } },
      'helm',
    );
  }
  // The Services the routes below point at, as the teams' deployments made them.
  for (const [namespace, name] of [
    ['payments', 'payments-api'],
    ['payments', 'payments-api-canary'],
    ['payments', 'payments-web'],
    ['payments', 'shop'],
    ['orders', 'shop'],
  ] as const) {
    await applyAs(
      server,
      `/api/v1/namespaces/${namespace}/services/${name}`,
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name, namespace },
        spec: {
          selector: { app: name },
          ports: [{ name: 'http', port: 8080, targetPort: 8080 }],
        },
      },
      'helm',
    );
  }
  // The workload cluster as Cluster API's controllers and its creator left it.
  const clusterLabel = { 'cluster.x-k8s.io/cluster-name': WORKLOAD };
  await applyAs(
    server,
    `${CAPI}/clusters/${WORKLOAD}`,
    {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'Cluster',
      metadata: { name: WORKLOAD, namespace: 'clusters' },
      spec: {
        controlPlaneRef: {
          apiGroup: 'controlplane.cluster.x-k8s.io',
          kind: 'KubeadmControlPlane',
          name: `${WORKLOAD}-control-plane`,
        },
        infrastructureRef: {
          apiGroup: 'infrastructure.cluster.x-k8s.io',
          kind: 'VSphereCluster',
          name: WORKLOAD,
        },
      },
    },
    'capi-operator',
  );
  await applyAs(
    server,
    `${KCP}/kubeadmcontrolplanes/${WORKLOAD}-control-plane`,
    {
      apiVersion: 'controlplane.cluster.x-k8s.io/v1beta2',
      kind: 'KubeadmControlPlane',
      metadata: {
        name: `${WORKLOAD}-control-plane`,
        namespace: 'clusters',
        labels: clusterLabel,
      },
      spec: {
        replicas: 3,
        version: 'v1.36.4',
        machineTemplate: {
          spec: {
            infrastructureRef: {
              apiGroup: 'infrastructure.cluster.x-k8s.io',
              kind: 'VSphereMachineTemplate',
              name: `${WORKLOAD}-control-plane`,
            },
          },
        },
      },
    },
    'capi-operator',
  );
  await applyAs(
    server,
    `${CAPI}/machinedeployments/${WORKLOAD}-md-0`,
    {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'MachineDeployment',
      metadata: {
        name: `${WORKLOAD}-md-0`,
        namespace: 'clusters',
        labels: clusterLabel,
      },
      spec: {
        clusterName: WORKLOAD,
        replicas: 3,
        selector: { matchLabels: clusterLabel },
        template: {
          metadata: { labels: clusterLabel },
          spec: {
            clusterName: WORKLOAD,
            version: 'v1.36.4',
            bootstrap: {
              configRef: {
                apiGroup: 'bootstrap.cluster.x-k8s.io',
                kind: 'KubeadmConfigTemplate',
                name: `${WORKLOAD}-md-0`,
              },
            },
            infrastructureRef: {
              apiGroup: 'infrastructure.cluster.x-k8s.io',
              kind: 'VSphereMachineTemplate',
              name: `${WORKLOAD}-md-0`,
            },
          },
        },
      },
    },
    'capi-operator',
  );
}

/** A token of the team's ServiceAccount, bound to edit rights in its namespace only. */
async function teamToken(
  server: RealKubeApiServer,
  team: string,
  namespace: string,
): Promise<string> {
  // As the sandbox's team tokens: the ServiceAccount <team>-deployer, bound
  // to everything inside the team's namespace and to nothing outside it.
  const account = `${team}-deployer`;
  await applyAs(
    server,
    '/apis/rbac.authorization.k8s.io/v1/clusterroles/platform-team-admin',
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'platform-team-admin' },
      rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }],
    },
    'platform-portal-test',
  );
  await applyAs(
    server,
    `/api/v1/namespaces/${namespace}/serviceaccounts/${account}`,
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: account, namespace },
    },
    'platform-portal-test',
  );
  await applyAs(
    server,
    `/apis/rbac.authorization.k8s.io/v1/namespaces/${namespace}/rolebindings/${team}-admin`,
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: `${team}-admin`, namespace },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: 'platform-team-admin',
      },
      subjects: [{ kind: 'ServiceAccount', name: account, namespace }],
    },
    'platform-portal-test',
  );
  const request = await ok(
    server.request(
      'POST',
      `/api/v1/namespaces/${namespace}/serviceaccounts/${account}/token`,
      {
        apiVersion: 'authentication.k8s.io/v1',
        kind: 'TokenRequest',
        spec: { expirationSeconds: 3600 },
      },
    ),
  );
  return request.status.token;
}

/**
 * What the gateway, cert-manager, the volume binder and the kubeadm control
 * plane controller would write, each as its own field manager, through the
 * status subresources: the objects' real status schemas check it.
 */
function startStatusWriters(server: RealKubeApiServer): () => Promise<void> {
  let running = true;
  const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const condition = (type: string, reason: string, generation: number) => ({
    type,
    status: 'True',
    reason,
    message: '',
    lastTransitionTime: now(),
    observedGeneration: generation,
  });
  const writeStatus = async (path: string, status: unknown, manager: string) =>
    server.request(
      'PATCH',
      `${path}/status?fieldManager=${manager}`,
      { status },
      { contentType: 'application/merge-patch+json' },
    );
  const tick = async () => {
    const routes = await server.request(
      'GET',
      '/apis/gateway.networking.k8s.io/v1/httproutes',
    );
    for (const route of routes.body.items ?? []) {
      if (route.status?.parents?.length) continue;
      const { name, namespace, generation } = route.metadata;
      await writeStatus(
        `/apis/gateway.networking.k8s.io/v1/namespaces/${namespace}/httproutes/${name}`,
        {
          parents: route.spec.parentRefs.map((parentRef: any) => ({
            parentRef,
            controllerName: 'traefik.io/gateway-controller',
            conditions: [
              condition('Accepted', 'Accepted', generation),
              condition('ResolvedRefs', 'ResolvedRefs', generation),
            ],
          })),
        },
        'traefik',
      );
    }
    const certificates = await server.request(
      'GET',
      '/apis/cert-manager.io/v1/certificates',
    );
    for (const cert of certificates.body.items ?? []) {
      if (cert.status?.conditions?.length) continue;
      const { name, namespace, generation } = cert.metadata;
      await writeStatus(
        `/apis/cert-manager.io/v1/namespaces/${namespace}/certificates/${name}`,
        { conditions: [condition('Ready', 'Ready', generation)] },
        'cert-manager-certificates-readiness',
      );
    }
    const claims = await server.request(
      'GET',
      '/api/v1/persistentvolumeclaims',
    );
    for (const claim of claims.body.items ?? []) {
      if (claim.status?.phase === 'Bound') continue;
      const { name, namespace } = claim.metadata;
      await writeStatus(
        `/api/v1/namespaces/${namespace}/persistentvolumeclaims/${name}`,
        {
          phase: 'Bound',
          accessModes: claim.spec.accessModes,
          capacity: claim.spec.resources.requests,
        },
        'kube-controller-manager',
      );
    }
    const planes = await server.request(
      'GET',
      '/apis/controlplane.cluster.x-k8s.io/v1beta2/kubeadmcontrolplanes',
    );
    for (const kcp of planes.body.items ?? []) {
      const { name, namespace } = kcp.metadata;
      const replicas = kcp.spec.replicas;
      if (
        kcp.status?.version === kcp.spec.version &&
        kcp.status?.replicas === replicas
      )
        continue;
      await writeStatus(
        `${KCP.replace(
          '/clusters',
          `/${namespace}`,
        )}/kubeadmcontrolplanes/${name}`,
        {
          version: kcp.spec.version,
          replicas,
          readyReplicas: replicas,
          upToDateReplicas: replicas,
          availableReplicas: replicas,
        },
        'manager',
      );
    }
  };
  const loop = (async () => {
    while (running) {
      await tick().catch(() => undefined);
      await new Promise(r => setTimeout(r, 100));
    }
  })();
  return async () => {
    running = false;
    await loop;
  };
}

describeReal(SUITE, () => {
  let server: RealKubeApiServer;
  let crds: Crd[];
  let admin: Actions;

  beforeAll(async () => {
    server = await realKubeForSuite('product', binaries!);
    crds = loadCrds([gatewayApiSource('standard'), ...STACK_CRD_SOURCES]);
    await installCrds(server, crds);
    await seed(server, crds);
    admin = actionsFor(server, {
      workload: server.adminToken,
      management: server.adminToken,
    });
  }, 300_000);
  afterAll(() => server?.stop());

  const get = (path: string) => server.request('GET', path);

  it('serves the upstream CRDs of the stack', async () => {
    const served = await get(
      '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
    );
    const names = served.body.items.map((c: any) => c.metadata.name);
    for (const crd of crds) expect(names).toContain(crd.metadata.name);
    // The kinds the actions write, each from its upstream module.
    expect(
      Object.fromEntries(
        [
          'httproutes.gateway.networking.k8s.io',
          'certificates.cert-manager.io',
          'ciliumnetworkpolicies.cilium.io',
          'applications.argoproj.io',
          'clusters.cluster.x-k8s.io',
          'kubeadmcontrolplanes.controlplane.cluster.x-k8s.io',
          'machinedeployments.cluster.x-k8s.io',
        ].map(name => [
          name,
          crds
            .find(c => c.metadata.name === name)
            ?.metadata.annotations?.['platform-portal.io/crd-source']?.split(
              '@',
            )[0],
        ]),
      ),
    ).toEqual({
      'httproutes.gateway.networking.k8s.io': 'sigs.k8s.io/gateway-api',
      'certificates.cert-manager.io': 'github.com/cert-manager/cert-manager',
      'ciliumnetworkpolicies.cilium.io': 'github.com/cilium/cilium',
      'applications.argoproj.io': 'github.com/argoproj/argo-cd/v3',
      'clusters.cluster.x-k8s.io': 'sigs.k8s.io/cluster-api',
      'kubeadmcontrolplanes.controlplane.cluster.x-k8s.io':
        'sigs.k8s.io/cluster-api',
      'machinedeployments.cluster.x-k8s.io': 'sigs.k8s.io/cluster-api',
    });
    // The CEL rules came with them: HTTPRoute's are in its schema.
    const httproutes = served.body.items.find(
      (c: any) => c.metadata.name === 'httproutes.gateway.networking.k8s.io',
    );
    expect(JSON.stringify(httproutes.spec)).toContain(
      'x-kubernetes-validations',
    );
    expect(
      httproutes.metadata.annotations[
        'gateway.networking.k8s.io/bundle-version'
      ],
    ).toBe('v1.6.3');
  });

  describe.each(INPUTS)('$id', ({ id, user, input, writes }) => {
    it('passes the real server dry run and stores nothing', async () => {
      const { ctx, outputs, logs } = contextFor(input, {
        user: user(),
        isDryRun: true,
      });
      await admin[id].handler(ctx);
      // The dry run says what it would do, and never with a credential.
      expect(logs.join('\n')).toMatch(/Would /);
      const said = JSON.stringify({ logs, outputs });
      for (const token of [server.adminToken, server.readerToken])
        expect(said).not.toContain(token);
      for (const path of writes) expect((await get(path)).status).toBe(404);
    });

    it('applies for real, and a second run changes nothing', async () => {
      const stop = startStatusWriters(server);
      try {
        const first = contextFor(input, { user: user() });
        await admin[id].handler(first.ctx);
        for (const path of writes) {
          const stored = await get(path);
          expect(stored.status).toBe(200);
          const managers = stored.body.metadata.managedFields.map(
            (f: any) => f.manager,
          );
          expect(managers).toContain('platform-portal-selfservice');
        }
        await stop();
        const again = contextFor(input, { user: user() });
        await admin[id].handler(again.ctx);
        const objects = (again.outputs.objects as string[] | undefined) ?? [];
        expect(objects.filter(line => !line.endsWith(': unchanged'))).toEqual(
          [],
        );
      } finally {
        await stop();
      }
    });
  });

  it('scale and upgrade changed the Cluster API objects, and only the fields they own', async () => {
    const md = (await get(`${CAPI}/machinedeployments/${WORKLOAD}-md-0`)).body;
    expect(md.spec.replicas).toBe(6);
    expect(md.spec.template.spec.version).toBe('v1.37.1');
    const kcp = (
      await get(`${KCP}/kubeadmcontrolplanes/${WORKLOAD}-control-plane`)
    ).body;
    expect(kcp.spec.version).toBe('v1.37.1');
    expect(kcp.spec.replicas).toBe(3);
    // The creator still owns what the portal did not change.
    const creator = kcp.metadata.managedFields.find(
      (f: any) => f.manager === 'capi-operator',
    );
    expect(JSON.stringify(creator.fieldsV1)).toContain('f:machineTemplate');
  });

  it('a re-run is unchanged though a controller wrote status between the read and the apply', async () => {
    const input = INPUTS.find(i => i.id === 'platform:httproute:create')!;
    const path =
      '/apis/gateway.networking.k8s.io/v1/namespaces/payments/httproutes/payments-api';
    const kubeConfig = new ConfigClusterAccessService(
      readClusterConnections(
        portalConfig(server, {
          workload: server.adminToken,
          management: server.adminToken,
        }),
      ),
    ).kubeConfig(WORKLOAD, 'write');
    let statusWrites = 0;
    class RacingController extends ClusterObjects {
      override async read(...args: Parameters<ClusterObjects['read']>) {
        const object = await super.read(...args);
        const written = await server.request(
          'PATCH',
          `${path}/status?fieldManager=traefik`,
          {
            status: {
              parents: [
                {
                  parentRef: {
                    group: 'gateway.networking.k8s.io',
                    kind: 'Gateway',
                    namespace: GATEWAY.namespace,
                    name: GATEWAY.name,
                    sectionName: 'https',
                  },
                  controllerName: 'traefik.io/gateway-controller',
                  conditions: [
                    {
                      type: 'Accepted',
                      status: 'True',
                      reason: 'Accepted',
                      message: `resynced ${Date.now()}`,
                      lastTransitionTime: new Date()
                        .toISOString()
                        .replace(/\.\d+Z$/, 'Z'),
                    },
                  ],
                },
              ],
            },
          },
          { contentType: 'application/merge-patch+json' },
        );
        if (written.status === 200) statusWrites += 1;
        return object;
      }
    }
    const before = (await get(path)).body.metadata.resourceVersion;
    const results = await applyManifests(
      new RacingController(WORKLOAD, kubeConfig),
      [
        httpRouteManifest(parseHttpRouteRequest(input.input, [DOMAIN]), {
          ...GATEWAY,
          sectionName: 'https',
        }),
      ],
      { dryRun: false, logger: mockServices.logger.mock() },
    );
    expect(statusWrites).toBe(1);
    expect((await get(path)).body.metadata.resourceVersion).not.toBe(before);
    expect(results.map(r => r.result)).toEqual(['unchanged']);
  });

  it('an HTTPRoute that breaks a CEL rule is refused by the real schema, with its message', async () => {
    const objects = new ClusterObjects(
      WORKLOAD,
      new ConfigClusterAccessService(
        readClusterConnections(
          portalConfig(server, {
            workload: server.adminToken,
            management: server.adminToken,
          }),
        ),
      ).kubeConfig(WORKLOAD, 'write'),
    );
    const manifest = httpRouteManifest(
      {
        cluster: WORKLOAD,
        namespace: 'payments',
        team: 'team-payments',
        name: 'bad-path',
        hostnames: [`bad.${DOMAIN}`],
        // Gateway API's CEL: a PathPrefix value must start with '/'.
        rules: [{ path: 'api', backends: [{ service: 'x', port: 80 }] }],
      } as any,
      { ...GATEWAY, sectionName: 'https' },
    );
    const refused = await objects.apply(manifest, { dryRun: true }).then(
      () => undefined,
      e => e,
    );
    expect(refused?.name).toBe('InputError');
    expect(refused.message).toMatch(/422 Invalid/);
    expect(refused.message).toMatch(/must be an absolute path/);
  });

  it('reports a conflict with argocd-controller instead of taking its field', async () => {
    const path =
      '/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/orders-api';
    await applyAs(
      server,
      path,
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: {
          name: 'orders-api',
          namespace: 'argocd',
          labels: TEAM_LABELS('team-orders'),
        },
        spec: {
          project: 'team-orders',
          source: {
            repoURL: `https://gitlab.${DOMAIN}/team-orders/orders-api.git`,
            path: 'deploy',
            targetRevision: 'release/2.0',
          },
          destination: {
            server: 'https://kubernetes.default.svc',
            namespace: 'orders',
          },
        },
      },
      'argocd-controller',
    );
    const input = {
      cluster: WORKLOAD,
      namespace: 'orders',
      team: 'team-orders',
      name: 'orders-api',
      repoPath: 'team-orders/orders-api',
      path: 'deploy',
      targetRevision: 'main',
    };
    // The dry run meets the conflict as the real run does.
    for (const isDryRun of [true, false]) {
      const { ctx } = contextFor(input, { user: orders(), isDryRun });
      const error = await admin['platform:argocd:create-app'].handler(ctx).then(
        () => undefined,
        e => e,
      );
      expect(error?.name).toBe('ConflictError');
      expect(error.message).toMatch(/409 Conflict/);
      expect(error.message).toContain('argocd-controller');
      expect(error.message).toContain('.spec.source.targetRevision');
    }
    // Nothing was forced: the controller's value stands.
    const stored = (await get(path)).body;
    expect(stored.spec.source.targetRevision).toBe('release/2.0');
  });

  it("a team's token is refused outside its namespace, and accepted inside", async () => {
    const token = await teamToken(server, 'team-payments', 'payments');
    const asTeam = actionsFor(server, {
      workload: token,
      management: server.adminToken,
    });
    const route = (namespace: string, team: string) => ({
      cluster: WORKLOAD,
      namespace,
      team,
      name: 'shop',
      hostnames: [`shop-${namespace}.${DOMAIN}`],
      backends: [{ service: 'shop', port: 8080 }],
    });
    const inside = contextFor(route('payments', 'team-payments'), {
      user: payments(),
      isDryRun: true,
    });
    await asTeam['platform:httproute:create'].handler(inside.ctx);
    const stop = startStatusWriters(server);
    try {
      const real = contextFor(route('payments', 'team-payments'), {
        user: payments(),
      });
      await asTeam['platform:httproute:create'].handler(real.ctx);
      expect(real.outputs.objects).toEqual(['HTTPRoute shop: created']);
    } finally {
      await stop();
    }
    const outside = contextFor(route('orders', 'team-orders'), {
      user: orders(),
      isDryRun: true,
    });
    const error = await asTeam['platform:httproute:create']
      .handler(outside.ctx)
      .then(
        () => undefined,
        e => e,
      );
    expect(error?.name).toBe('NotAllowedError');
    expect(error.message).toMatch(/403 Forbidden/);
    expect(error.message).toContain(
      'system:serviceaccount:payments:team-payments-deployer',
    );
    expect(error.message).toContain('"orders"');
    expect(error.message).not.toContain(token);
    expect(
      (
        await get(
          '/apis/gateway.networking.k8s.io/v1/namespaces/orders/httproutes/shop',
        )
      ).status,
    ).toBe(404);
  });
  it("the route also passes Gateway API's experimental channel, installed over the standard one", async () => {
    const experimental = loadCrds([gatewayApiSource('experimental')]);
    expect(experimental.length).toBeGreaterThan(
      crds.filter(c => c.spec.group === 'gateway.networking.k8s.io').length,
    );
    // A field only the experimental channel has (a dry run: nothing is
    // stored): the standard schema refuses it, so the server serves the
    // experimental schema once it accepts it.
    const probe = () =>
      server.request(
        'PATCH',
        '/apis/gateway.networking.k8s.io/v1/namespaces/payments/httproutes/channel-probe?fieldManager=probe&dryRun=All',
        JSON.stringify({
          apiVersion: 'gateway.networking.k8s.io/v1',
          kind: 'HTTPRoute',
          metadata: { name: 'channel-probe', namespace: 'payments' },
          spec: { useDefaultGateways: 'None' },
        }),
        { contentType: 'application/apply-patch+yaml' },
      );
    const standard = await probe();
    // Server-side apply answers an undeclared field with 500 InternalError.
    expect(standard.status).toBe(500);
    expect(standard.body.message).toContain(
      '.spec.useDefaultGateways: field not declared in schema',
    );
    await installCrds(server, experimental);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const answer = await probe();
      if (answer.status < 300) break;
      if (Date.now() > deadline)
        throw new Error(`experimental schema not served: ${answer.status}`);
      await new Promise(r => setTimeout(r, 200));
    }
    const input = {
      cluster: WORKLOAD,
      namespace: 'payments',
      team: 'team-payments',
      name: 'payments-web',
      hostnames: [`web.${DOMAIN}`],
      backends: [{ service: 'payments-web', port: 8080 }],
    };
    const dry = contextFor(input, { user: payments(), isDryRun: true });
    await admin['platform:httproute:create'].handler(dry.ctx);
    const stop = startStatusWriters(server);
    try {
      const real = contextFor(input, { user: payments() });
      await admin['platform:httproute:create'].handler(real.ctx);
      expect(real.outputs.objects).toEqual(['HTTPRoute payments-web: created']);
    } finally {
      await stop();
    }
    const stored = await get(
      '/apis/gateway.networking.k8s.io/v1/namespaces/payments/httproutes/payments-web',
    );
    expect(stored.status).toBe(200);
  });
  describe('whatever the portal accepts, the real schemas accept', () => {
    // RFC 1123 labels of every length up to `max`, the longest included.
    const label = (max: number) =>
      fc
        .integer({ min: 1, max })
        .chain(n =>
          fc.stringMatching(
            n === 1
              ? /^[a-z]$/
              : new RegExp(`^[a-z][a-z0-9-]{${n - 2}}[a-z0-9]$`),
          ),
        );
    const host = fc
      .array(label(20), { minLength: 1, maxLength: 3 })
      .map(parts => `${parts.join('.')}.${DOMAIN}`);
    const path = fc
      .array(fc.stringMatching(/^[A-Za-z0-9\-._~!$&'()*+,;=:@]{1,12}$/), {
        maxLength: 4,
      })
      .map(segments => `/${segments.join('/')}`);
    const backend = fc.record({
      service: label(63),
      port: fc.integer({ min: 1, max: 65535 }),
      weight: fc.integer({ min: 1, max: 1000 }),
    });
    const PROPERTIES: Record<
      string,
      { user: () => ReturnType<typeof userOf>; input: fc.Arbitrary<any> }
    > = {
      'platform:httproute:create': {
        user: payments,
        input: fc.record({
          cluster: fc.constant(WORKLOAD),
          namespace: fc.constant('payments'),
          team: fc.constant('team-payments'),
          name: label(63),
          hostnames: fc.uniqueArray(host, { minLength: 1, maxLength: 16 }),
          rules: fc.array(
            fc.record({
              path,
              backends: fc.array(backend, { minLength: 1, maxLength: 8 }),
            }),
            { minLength: 1, maxLength: 16 },
          ),
          // What the schema accepts is the point, not whether the Services exist.
          allowMissingBackends: fc.constant(true),
        }),
      },
      'platform:certificate:create': {
        user: payments,
        input: fc.record({
          cluster: fc.constant(WORKLOAD),
          namespace: fc.constant('payments'),
          team: fc.constant('team-payments'),
          name: label(63),
          dnsNames: fc.uniqueArray(host, { minLength: 1, maxLength: 16 }),
          issuer: fc.constantFrom('letsencrypt-prod', 'letsencrypt-staging'),
        }),
      },
      'platform:volume:create': {
        user: payments,
        input: fc.record({
          cluster: fc.constant(WORKLOAD),
          namespace: fc.constant('payments'),
          team: fc.constant('team-payments'),
          name: label(63),
          size: fc.integer({ min: 1, max: 500 }).map(n => `${n}Gi`),
          replicas: fc.constant(3),
          accessMode: fc.constantFrom('ReadWriteOnce', 'ReadWriteMany'),
        }),
      },
      'platform:argocd:create-app': {
        user: payments,
        input: fc.record({
          cluster: fc.constant(WORKLOAD),
          namespace: fc.constant('payments'),
          team: fc.constant('team-payments'),
          name: label(63),
          repoPath: label(30).map(l => `team-payments/${l}`),
          path: fc.oneof(
            fc.constant('.'),
            fc
              .array(label(20), { minLength: 1, maxLength: 4 })
              .map(p => p.join('/')),
          ),
          targetRevision: fc.oneof(
            fc.constantFrom('main', 'v1.0.0'),
            fc
              .array(label(30), { minLength: 1, maxLength: 3 })
              .map(p => p.join('/')),
          ),
          prune: fc.boolean(),
          selfHeal: fc.boolean(),
        }),
      },
      'platform:cluster:create': {
        user: platform,
        input: fc.record({
          name: label(63),
          managementCluster: fc.constant(MANAGEMENT),
          environment: fc.constantFrom('production', 'staging', 'development'),
          region: label(63),
          version: fc
            .tuple(fc.integer({ min: 28, max: 37 }), fc.nat(20))
            .map(([minor, patch]) => `v1.${minor}.${patch}`),
          controlPlaneReplicas: fc.constantFrom(1, 3, 5, 7),
          workerReplicas: fc.integer({ min: 0, max: 200 }),
        }),
      },
    };

    it.each(Object.keys(PROPERTIES))('%s (dry runs)', async id => {
      const { user, input } = PROPERTIES[id];
      let checked = 0;
      await fc.assert(
        fc.asyncProperty(input, async request => {
          const { ctx } = contextFor(request, { user: user(), isDryRun: true });
          const error = await admin[id].handler(ctx).then(
            () => undefined,
            e => e as Error,
          );
          // Refused by the portal's own validation: the server is not asked.
          if (error?.name === 'InputError' && !/^Cluster /.test(error.message))
            return;
          // Accepted by the portal, so the real server must accept it too.
          if (error) throw error;
          checked += 1;
        }),
        { numRuns: 20 },
      );
      expect(checked).toBeGreaterThan(10);
    });
  });
});
