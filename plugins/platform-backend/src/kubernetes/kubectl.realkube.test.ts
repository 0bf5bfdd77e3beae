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

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sandbox } from '@platform-portal/platform-sandbox';
import {
  RealKubeApiServer,
  realKubeBinariesForSuite,
  realKubeForSuite,
} from '../__testUtils__/realKubeApiServer';
import {
  kubectlForSuite,
  KubectlResult,
  normaliseKubectlOutput,
  runKubectl,
  writeKubeconfig,
} from '../__testUtils__/realKubectl';
import {
  mirrorSandboxCluster,
  serviceAccountToken,
} from '../__testUtils__/mirrorSandboxCluster';
import { pinnedModuleDir } from '../__testUtils__/pinnedGoModule';
import { startUpstreamSandbox } from '../__testUtils__/startUpstreamSandbox';

jest.setTimeout(180_000);

/*
 * kubectl, built at the pinned release, against a sandbox cluster and a real
 * kube-apiserver holding the same objects: exit code, stdout and stderr must
 * match once ages, uids and resourceVersions are taken out.
 */

const SUITE =
  'kubectl answers the same from the sandbox and a real kube-apiserver';
const binaries = realKubeBinariesForSuite(SUITE);
const kubectl = kubectlForSuite(SUITE);

const CLUSTER = 'mgmt';
const TEAM = { team: 'team-payments', namespace: 'payments' };
const APPLY_NAMESPACE = 'kubectl-apply';

const deployment = (replicas: number) =>
  JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: APPLY_NAMESPACE },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
      },
    },
  });

/** A cut-down ClusterIssuer CRD with its own descriptions, for `explain`. */
const CRD = JSON.stringify({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'clusterissuers.cert-manager.io' },
  spec: {
    group: 'cert-manager.io',
    scope: 'Cluster',
    names: {
      plural: 'clusterissuers',
      singular: 'clusterissuer',
      kind: 'ClusterIssuer',
      listKind: 'ClusterIssuerList',
      categories: ['cert-manager'],
    },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        subresources: { status: {} },
        schema: {
          openAPIV3Schema: {
            type: 'object',
            description:
              'A ClusterIssuer represents a certificate issuing authority.',
            properties: {
              apiVersion: { type: 'string' },
              kind: { type: 'string' },
              metadata: { type: 'object' },
              spec: {
                type: 'object',
                description: 'Desired state of the ClusterIssuer resource.',
                required: ['ca'],
                properties: {
                  ca: {
                    type: 'object',
                    description:
                      'CA configures this issuer to sign certificates using a signing CA keypair.',
                    required: ['secretName'],
                    properties: {
                      secretName: {
                        type: 'string',
                        description:
                          'SecretName is the name of the secret used to sign Certificates issued by this Issuer.',
                      },
                    },
                  },
                },
              },
              status: {
                type: 'object',
                'x-kubernetes-preserve-unknown-fields': true,
              },
            },
          },
        },
      },
    ],
  },
});

interface Side {
  admin: string;
  team: string;
}

const SIDES = ['real', 'sandbox'] as const;

(binaries && kubectl ? describe : describe.skip)(SUITE, () => {
  let kube: RealKubeApiServer;
  let sandbox: Sandbox;
  let dir: string;
  const sides = {} as Record<(typeof SIDES)[number], Side>;

  /** The same command on both sides, normalised. */
  async function both(
    args: string[],
    options: { as?: keyof Side; input?: string } = {},
  ): Promise<Record<(typeof SIDES)[number], KubectlResult>> {
    const [real, simulated] = await Promise.all(
      SIDES.map(side =>
        runKubectl(
          kubectl!,
          sides[side][options.as ?? 'admin'],
          args,
          options.input,
        ),
      ),
    );
    const clean = (r: KubectlResult) => ({
      code: r.code,
      stdout: normaliseKubectlOutput(r.stdout),
      stderr: normaliseKubectlOutput(r.stderr),
    });
    return { real: clean(real), sandbox: clean(simulated) };
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kubectl-realkube-'));
    [kube, sandbox] = await Promise.all([
      realKubeForSuite('kubectl', binaries!),
      startUpstreamSandbox({
        openApiSpecDir: pinnedModuleDir(
          'k8s.io/kubernetes',
          'api/openapi-spec/v3',
        ),
      }),
    ]);
    const tokens = sandbox.credentials.kubernetes[CLUSTER];
    await mirrorSandboxCluster(
      {
        base: sandbox.kubernetesUrl(CLUSTER),
        caData: sandbox.caData(CLUSTER),
        adminToken: tokens.admin,
      },
      kube,
    );
    const teamToken = await serviceAccountToken(
      kube,
      TEAM.namespace,
      `${TEAM.team}-deployer`,
    );
    const kubeconfig = (
      side: string,
      user: string,
      server: string,
      caData: string,
      token: string,
    ) => {
      // One HOME per side and user: kubectl caches discovery and OpenAPI there.
      const home = join(dir, side, user);
      mkdirSync(home, { recursive: true });
      return writeKubeconfig(join(home, 'kubeconfig'), {
        server,
        caData,
        token,
      });
    };
    const sandboxServer = sandbox.kubernetesUrl(CLUSTER);
    sides.real = {
      admin: kubeconfig(
        'real',
        'admin',
        kube.url,
        kube.caData,
        kube.adminToken,
      ),
      team: kubeconfig('real', 'team', kube.url, kube.caData, teamToken),
    };
    sides.sandbox = {
      admin: kubeconfig(
        'sandbox',
        'admin',
        sandboxServer,
        sandbox.caData(CLUSTER),
        tokens.admin,
      ),
      team: kubeconfig(
        'sandbox',
        'team',
        sandboxServer,
        sandbox.caData(CLUSTER),
        tokens.teams[TEAM.team],
      ),
    };
  });

  afterAll(async () => {
    await Promise.all([kube?.stop(), sandbox?.stop()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('create namespace: created, then AlreadyExists', async () => {
    const first = await both(['create', 'namespace', 'kubectl-x']);
    expect(first.real).toEqual({
      code: 0,
      stdout: 'namespace/kubectl-x created\n',
      stderr: '',
    });
    expect(first.sandbox).toEqual(first.real);
    const again = await both(['create', 'namespace', 'kubectl-x']);
    expect(again.real.code).toBe(1);
    expect(again.sandbox).toEqual(again.real);
  });

  it('apply --server-side: a conflict with argocd-controller, then --force-conflicts', async () => {
    await both(['create', 'namespace', APPLY_NAMESPACE]);
    // Argo CD's apply first, so it owns .spec.replicas.
    const byArgo = await both(
      [
        'apply',
        '--server-side',
        '--field-manager=argocd-controller',
        '-f',
        '-',
      ],
      { input: deployment(2) },
    );
    expect(byArgo.real).toEqual({
      code: 0,
      stdout: 'deployment.apps/web serverside-applied\n',
      stderr: '',
    });
    expect(byArgo.sandbox).toEqual(byArgo.real);

    const conflict = await both(['apply', '--server-side', '-f', '-'], {
      input: deployment(3),
    });
    expect(conflict.real.code).toBe(1);
    expect(conflict.real.stderr).toContain(
      'conflict with "argocd-controller": .spec.replicas',
    );
    expect(conflict.sandbox).toEqual(conflict.real);

    const forced = await both(
      ['apply', '--server-side', '--force-conflicts', '-f', '-'],
      { input: deployment(3) },
    );
    expect(forced.real.code).toBe(0);
    expect(forced.sandbox).toEqual(forced.real);

    const managers = await both([
      'get',
      'deployment',
      'web',
      '-n',
      APPLY_NAMESPACE,
      '--show-managed-fields',
      '-o',
      'jsonpath={range .metadata.managedFields[*]}{.manager} {.operation}{"\\n"}{end}',
    ]);
    expect(managers.real.stdout).toContain('kubectl Apply');
    expect(managers.sandbox).toEqual(managers.real);
  });

  it('auth can-i: admin and a team token, allowed and refused', async () => {
    const cases: Array<[keyof Side, string[], number]> = [
      ['admin', ['create', 'deployments', '-n', TEAM.namespace], 0],
      ['team', ['create', 'deployments', '-n', TEAM.namespace], 0],
      ['team', ['create', 'deployments', '-n', 'kube-system'], 1],
      ['team', ['list', 'secrets', '--all-namespaces'], 1],
      ['team', ['get', 'nodes'], 1],
    ];
    for (const [as, args, code] of cases) {
      const answer = await both(['auth', 'can-i', ...args], { as });
      expect(answer.real.code).toBe(code);
      expect(answer.sandbox).toEqual(answer.real);
    }
  });

  it('explain: a built-in kind and an installed CRD', async () => {
    const builtIn = await both(['explain', 'deployment.spec']);
    expect(builtIn.real.stdout).toContain('FIELD: spec <DeploymentSpec>');
    expect(builtIn.sandbox).toEqual(builtIn.real);

    const installed = await both(['apply', '-f', '-'], { input: CRD });
    expect(installed.sandbox).toEqual(installed.real);
    // The real server publishes a CRD's schema once it is established.
    for (;;) {
      const document = await kube.request(
        'GET',
        '/openapi/v3/apis/cert-manager.io/v1',
      );
      if (
        JSON.stringify(document.body).includes(
          'io.cert-manager.v1.ClusterIssuer',
        )
      )
        break;
      await new Promise(r => setTimeout(r, 250));
    }
    // kubectl keeps discovery and the OpenAPI index from the apply above:
    // read afresh, as a person running explain after installing would.
    for (const side of SIDES) {
      rmSync(join(sides[side].admin, '..', '.kube', 'cache'), {
        recursive: true,
        force: true,
      });
    }
    const custom = await both(['explain', 'clusterissuers.spec.ca']);
    expect(custom.real.stdout).toContain('secretName');
    expect(custom.sandbox).toEqual(custom.real);
  });

  it('get nodes -o wide: OS image, kernel and container runtime', async () => {
    const nodes = await both(['get', 'nodes', '-o', 'wide']);
    expect(nodes.real.stdout.split('\n')[0]).toBe(
      'NAME STATUS ROLES AGE VERSION INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME',
    );
    expect(nodes.sandbox).toEqual(nodes.real);
  });

  it('get pods -A', async () => {
    const pods = await both(['get', 'pods', '-A']);
    expect(pods.real.stdout.split('\n').length).toBeGreaterThan(10);
    expect(pods.sandbox).toEqual(pods.real);
  });

  it('delete: deleted, then NotFound', async () => {
    const deleted = await both([
      'delete',
      'deployment',
      'web',
      '-n',
      APPLY_NAMESPACE,
    ]);
    expect(deleted.real).toEqual({
      code: 0,
      stdout: `deployment.apps "web" deleted from ${APPLY_NAMESPACE} namespace\n`,
      stderr: '',
    });
    expect(deleted.sandbox).toEqual(deleted.real);
    const missing = await both([
      'delete',
      'deployment',
      'web',
      '-n',
      APPLY_NAMESPACE,
    ]);
    expect(missing.real.code).toBe(1);
    expect(missing.sandbox).toEqual(missing.real);
  });
});
