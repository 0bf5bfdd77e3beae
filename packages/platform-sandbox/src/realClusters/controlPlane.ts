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

import { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectCreated, KubeRequest, kubeRequester } from './kubeRequest';
import { RealKubeBinaries } from './kubeBinaries';
import { writeCertificates } from './pki';
import { freePort } from '../realServers';
import { startChild, stopGroup, tailLog } from './processes';

/*
 * A real control plane for tests: etcd and kube-apiserver built by
 * scripts/kube-binaries.sh, on loopback, HTTPS only, with a CA of its own as
 * kubeadm makes one per cluster.
 */

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
  /** One request as the admin (or `options.token`), trusting only the cluster's CA. */
  request: KubeRequest;
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

export interface StartRealKubeOptions {
  /** Names the cluster's CA (`<name>-ca`), as kubeadm's `kubernetes` CA. */
  name?: string;
  readyTimeoutMs?: number;
}

/**
 * Starts etcd and kube-apiserver (Node and RBAC authorizers, default
 * admission plugins, loopback only) and resolves once /readyz answers ok;
 * seeds the reader's RBAC.
 */
export async function startRealKubeApiServer(
  binaries: RealKubeBinaries,
  options: StartRealKubeOptions = {},
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
    writeCertificates(dir, `${options.name ?? 'realkube'}-ca`);
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
    etcd = startChild(
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
    apiserver = startChild(
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
        '--authorization-mode=Node,RBAC',
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
    const request = kubeRequester(url, caData, adminToken);

    const deadline = Date.now() + (options.readyTimeoutMs ?? 120_000);
    for (;;) {
      if (apiserver.exitCode !== null || etcd.exitCode !== null) {
        throw new Error(
          `the control plane exited while starting\n--- etcd\n${tailLog(
            join(dir, 'etcd.log'),
          )}\n--- kube-apiserver\n${tailLog(join(dir, 'apiserver.log'))}`,
        );
      }
      const ready = await request('GET', '/readyz').catch(() => undefined);
      if (ready?.status === 200) break;
      if (Date.now() > deadline) {
        throw new Error(
          `kube-apiserver was not ready in time\n${tailLog(
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
