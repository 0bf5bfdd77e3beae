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

import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import {
  accessSync,
  constants,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Agent } from 'undici';

/*
 * A real control plane for tests: etcd and kube-apiserver built by
 * scripts/kube-binaries.sh, on loopback, HTTPS only, with a CA of its own as
 * kubeadm makes one per cluster.
 */

const REPO_ROOT = resolve(__dirname, '../../../..');

export interface RealKubeBinaries {
  apiserver: string;
  etcd: string;
}

function executable(path: string | undefined): path is string {
  if (!path) return false;
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Where scripts/kube-binaries.sh puts the pinned versions when no env says so. */
export function defaultCacheDir(): string | undefined {
  try {
    const goMod = readFileSync(join(REPO_ROOT, 'tools/kube/go.mod'), 'utf8');
    const version = (module: string) =>
      goMod.match(
        new RegExp(`^\\s*${module.replace(/\./g, '\\.')}\\s+(v\\S+)`, 'm'),
      )?.[1];
    const kube = version('k8s.io/kubernetes');
    const etcd = version('go.etcd.io/etcd/server/v3');
    const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
    return kube && etcd
      ? join(cache, 'platform-portal/kube', `kubernetes-${kube}-etcd-${etcd}`)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The binaries from the env `scripts/kube-binaries.sh` prints, else from its cache. */
export function findRealKubeBinaries(): RealKubeBinaries | undefined {
  const dir = defaultCacheDir();
  const apiserver =
    process.env.PLATFORM_TEST_KUBE_APISERVER_BIN ||
    (dir && join(dir, 'kube-apiserver'));
  const etcd = process.env.PLATFORM_TEST_ETCD_BIN || (dir && join(dir, 'etcd'));
  return executable(apiserver) && executable(etcd)
    ? { apiserver, etcd }
    : undefined;
}

/**
 * The binaries for a suite that needs the real control plane. Without them a
 * CI run fails the suite (a skipped suite would hide that nothing ran);
 * elsewhere the suite is skipped with a note saying how to get them.
 */
export function realKubeBinariesForSuite(
  suite: string,
): RealKubeBinaries | undefined {
  const binaries = findRealKubeBinaries();
  if (binaries) {
    return binaries;
  }
  const message =
    'kube-apiserver and etcd are not built: run scripts/kube-binaries.sh and export the PLATFORM_TEST_KUBE_APISERVER_BIN and PLATFORM_TEST_ETCD_BIN lines it prints';
  if (process.env.CI) {
    throw new Error(`${suite}: ${message}`);
  }
  // eslint-disable-next-line no-console
  console.warn(`Skipping "${suite}": ${message}`);
  return undefined;
}

export interface KubeResponse<T = any> {
  status: number;
  contentType: string | null;
  body: T;
}

export interface RealKubeApiServer {
  /** https://127.0.0.1:PORT */
  url: string;
  /** PEM of the cluster's own CA. */
  caData: string;
  /**
   * The cluster's files as kubeadm lays them out (ca.crt, ca.key, sa.key,
   * sa.pub), for the controllers that run beside the API server.
   */
  pkiDir: string;
  /** Bearer token of a member of system:masters. */
  adminToken: string;
  /**
   * Token of the ServiceAccount backstage/portal-reader, which may read every
   * kind but Secrets (the sandbox's reader has the same name and rights).
   */
  readerToken: string;
  /**
   * One request as the admin (or `token`), trusting only the cluster's CA; a
   * string or Buffer body is sent as is, anything else as JSON.
   */
  request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    options?: {
      token?: string;
      contentType?: string;
      accept?: string;
      headers?: Record<string, string>;
    },
  ): Promise<KubeResponse<T>>;
  stop(): Promise<void>;
}

/** The portal's reader, named as in the sandbox. */
const READER = { namespace: 'backstage', name: 'portal-reader' };

/** Core kinds the reader may read: all but Secrets. */
const CORE_READABLE = [
  'configmaps',
  'endpoints',
  'events',
  'limitranges',
  'namespaces',
  'nodes',
  'persistentvolumeclaims',
  'persistentvolumes',
  'pods',
  'pods/log',
  'pods/status',
  'replicationcontrollers',
  'resourcequotas',
  'serviceaccounts',
  'services',
];

/**
 * Built-in named groups, listed because `*` would also match the core group
 * and with it Secrets; a suite that installs CRDs adds their groups.
 */
const NAMED_GROUPS = [
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'apps',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'networking.k8s.io',
  'node.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'resource.k8s.io',
  'scheduling.k8s.io',
  'storage.k8s.io',
];

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolvePort(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

function openssl(dir: string, args: string[]) {
  execFileSync('openssl', args, {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 30_000,
  });
}

/** A CA, and a serving certificate it signed for 127.0.0.1, as kubeadm lays them out. */
function writeCertificates(dir: string) {
  const ec = [
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
  ];
  openssl(dir, [
    'req',
    '-x509',
    ...ec,
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-days',
    '2',
    '-subj',
    '/CN=realkube-test-ca',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign,digitalSignature',
  ]);
  openssl(dir, [
    'req',
    ...ec,
    '-keyout',
    'apiserver.key',
    '-out',
    'apiserver.csr',
    '-subj',
    '/CN=kube-apiserver',
  ]);
  writeFileSync(
    join(dir, 'apiserver.ext'),
    [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth',
      'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc',
      '',
    ].join('\n'),
  );
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    'apiserver.csr',
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'apiserver.crt',
    '-days',
    '2',
    '-extfile',
    'apiserver.ext',
  ]);
  const { privateKey, publicKey } = generateKeyPairSync('ec', {
    namedCurve: 'prime256v1',
  });
  writeFileSync(
    join(dir, 'sa.key'),
    privateKey.export({ type: 'pkcs8', format: 'pem' }),
  );
  writeFileSync(
    join(dir, 'sa.pub'),
    publicKey.export({ type: 'spki', format: 'pem' }),
  );
}

function start(binary: string, args: string[], logFile: string): ChildProcess {
  const log = openSync(logFile, 'a');
  // Its own process group, so stop() also ends anything it forked.
  const child = spawn(binary, args, {
    detached: true,
    stdio: ['ignore', log, log],
  });
  // A jest worker that exits without afterAll (a timeout, a crash) must not
  // leave a control plane running: 'exit' handlers may only do synchronous work.
  const killOnExit = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  return child;
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-25).join('\n');
  } catch {
    return '';
  }
}

async function stopGroup(child: ChildProcess | undefined): Promise<void> {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null)
    return;
  const exited = new Promise<void>(done => child.once('exit', () => done()));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts etcd and kube-apiserver (RBAC, default admission plugins, loopback
 * only) and resolves once /readyz answers ok; seeds the reader's RBAC.
 */
export async function startRealKubeApiServer(
  binaries: RealKubeBinaries,
  options: { readyTimeoutMs?: number } = {},
): Promise<RealKubeApiServer> {
  const dir = mkdtempSync(join(tmpdir(), 'realkube-'));
  let etcd: ChildProcess | undefined;
  let apiserver: ChildProcess | undefined;
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  process.once('exit', removeDir);
  const stop = async () => {
    await stopGroup(apiserver);
    await stopGroup(etcd);
    removeDir();
    process.off('exit', removeDir);
  };
  try {
    writeCertificates(dir);
    const adminToken = randomBytes(24).toString('hex');
    writeFileSync(
      join(dir, 'tokens.csv'),
      `${adminToken},portal-admin,portal-admin,"system:masters"\n`,
    );
    const [etcdPort, peerPort, apiPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    etcd = start(
      binaries.etcd,
      [
        '--name=realkube',
        `--data-dir=${join(dir, 'etcd')}`,
        `--listen-client-urls=http://127.0.0.1:${etcdPort}`,
        `--advertise-client-urls=http://127.0.0.1:${etcdPort}`,
        `--listen-peer-urls=http://127.0.0.1:${peerPort}`,
        `--initial-advertise-peer-urls=http://127.0.0.1:${peerPort}`,
        `--initial-cluster=realkube=http://127.0.0.1:${peerPort}`,
        // A throw-away store: durability only costs time on a busy machine.
        '--unsafe-no-fsync',
        '--log-level=warn',
      ],
      join(dir, 'etcd.log'),
    );
    const url = `https://127.0.0.1:${apiPort}`;
    apiserver = start(
      binaries.apiserver,
      [
        `--etcd-servers=http://127.0.0.1:${etcdPort}`,
        '--bind-address=127.0.0.1',
        '--advertise-address=127.0.0.1',
        `--secure-port=${apiPort}`,
        `--cert-dir=${join(dir, 'certs')}`,
        `--tls-cert-file=${join(dir, 'apiserver.crt')}`,
        `--tls-private-key-file=${join(dir, 'apiserver.key')}`,
        `--client-ca-file=${join(dir, 'ca.crt')}`,
        `--token-auth-file=${join(dir, 'tokens.csv')}`,
        '--authorization-mode=RBAC',
        `--service-account-key-file=${join(dir, 'sa.pub')}`,
        `--service-account-signing-key-file=${join(dir, 'sa.key')}`,
        '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
        '--service-cluster-ip-range=10.96.0.0/16',
        // The default service's endpoints may not be a loopback address; no pod needs them here.
        '--endpoint-reconciler-type=none',
        '--profiling=false',
        '--v=0',
      ],
      join(dir, 'apiserver.log'),
    );
    const caData = readFileSync(join(dir, 'ca.crt'), 'utf8');
    const agent = new Agent({ connect: { ca: caData } });
    const request: RealKubeApiServer['request'] = async (
      method,
      path,
      body,
      requestOptions = {},
    ) => {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${requestOptions.token ?? adminToken}`,
          Accept: requestOptions.accept ?? 'application/json',
          ...(body !== undefined
            ? {
                'Content-Type':
                  requestOptions.contentType ?? 'application/json',
              }
            : {}),
          ...requestOptions.headers,
        },
        // Sent as is: tests of malformed and protobuf bodies need that.
        ...(body !== undefined
          ? {
              body:
                typeof body === 'string' || Buffer.isBuffer(body)
                  ? body
                  : JSON.stringify(body),
            }
          : {}),
        signal: AbortSignal.timeout(15_000),
        dispatcher: agent,
      } as RequestInit);
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: /readyz answers plain text
      }
      return {
        status: response.status,
        contentType: response.headers.get('content-type'),
        body: parsed as any,
      };
    };

    const deadline = Date.now() + (options.readyTimeoutMs ?? 120_000);
    for (;;) {
      if (apiserver.exitCode !== null || etcd.exitCode !== null) {
        throw new Error(
          `the control plane exited while starting\n--- etcd\n${tail(
            join(dir, 'etcd.log'),
          )}\n--- kube-apiserver\n${tail(join(dir, 'apiserver.log'))}`,
        );
      }
      const ready = await request('GET', '/readyz').catch(() => undefined);
      if (ready?.status === 200) break;
      if (Date.now() > deadline) {
        throw new Error(
          `kube-apiserver was not ready in time\n${tail(
            join(dir, 'apiserver.log'),
          )}`,
        );
      }
      await new Promise(r => setTimeout(r, 500));
    }

    // The portal's reader: everything but Secrets, as the sandbox's reader. Not
    // the built-in `view`: its rules are aggregated by kube-controller-manager,
    // which does not run here.
    await expectCreated(
      request('POST', '/apis/rbac.authorization.k8s.io/v1/clusterroles', {
        metadata: { name: 'platform-portal-reader' },
        rules: [
          {
            apiGroups: [''],
            resources: CORE_READABLE,
            verbs: ['get', 'list', 'watch'],
          },
          {
            apiGroups: NAMED_GROUPS,
            resources: ['*'],
            verbs: ['get', 'list', 'watch'],
          },
        ],
      }),
    );
    await expectCreated(
      request(
        'POST',
        '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings',
        {
          metadata: { name: 'platform-portal-reader' },
          roleRef: {
            apiGroup: 'rbac.authorization.k8s.io',
            kind: 'ClusterRole',
            name: 'platform-portal-reader',
          },
          subjects: [
            {
              kind: 'ServiceAccount',
              name: READER.name,
              namespace: READER.namespace,
            },
          ],
        },
      ),
    );
    // A ServiceAccount token from the TokenRequest API, as a portal installed
    // in the cluster would hold: the same identity as the sandbox's reader.
    await expectCreated(
      request('POST', '/api/v1/namespaces', {
        metadata: { name: READER.namespace },
      }),
    );
    await expectCreated(
      request(
        'POST',
        `/api/v1/namespaces/${READER.namespace}/serviceaccounts`,
        {
          metadata: { name: READER.name },
        },
      ),
    );
    const tokenRequest = await expectCreated(
      request<{ status: { token: string } }>(
        'POST',
        `/api/v1/namespaces/${READER.namespace}/serviceaccounts/${READER.name}/token`,
        {
          apiVersion: 'authentication.k8s.io/v1',
          kind: 'TokenRequest',
          spec: { expirationSeconds: 24 * 3600 },
        },
      ),
    );
    const readerToken = tokenRequest.status.token;
    return {
      url,
      caData,
      pkiDir: dir,
      adminToken,
      readerToken,
      request,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Throws with the server's Status when a seeding request was refused. */
export async function expectCreated<T>(
  pending: Promise<KubeResponse<T>>,
): Promise<T> {
  const response = await pending;
  if (response.status < 200 || response.status >= 300) {
    throw new Error(
      `HTTP ${response.status}: ${JSON.stringify(response.body)}`,
    );
  }
  return response.body;
}

/** For the processes that run beside the API server (controllers, kwok). */
export { start as startChild, stopGroup, tail as tailLog };
