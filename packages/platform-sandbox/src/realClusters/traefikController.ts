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

import { ChildProcess, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { RealKubeApiServer, startRealKubeApiServer } from './controlPlane';
import { grantReaderCrdGroups, installCrds } from './installCrds';
import { expectCreated } from './kubeRequest';
import { writeKubeconfig } from './kubeconfigFile';
import { isExecutable, RealKubeBinaries } from './kubeBinaries';
import { startChild, stopGroup, tailLog } from './processes';
import { REPO_ROOT } from './repoRoot';
import { applyAs } from './serverSideApply';
import { gatewayApiSource, loadCrds } from './stackCrds';

/*
 * Traefik's Kubernetes Gateway provider beside a real control plane
 * (scripts/traefik-binary.sh builds it from the module tools/traefik pins):
 * a ServiceAccount bound to the ClusterRole Traefik documents for that
 * provider (read from the module, not copied) and the provider watching the
 * cluster through a kubeconfig with that account's token. It writes the
 * status of GatewayClasses, Gateways and routes whose class names Traefik's
 * controller.
 */

/** The controllerName Traefik's Gateway provider answers to. */
export const TRAEFIK_CONTROLLER_NAME = 'traefik.io/gateway-controller';

/**
 * Traefik's entry points as its Helm chart names them: a Gateway listener
 * attaches to the entry point of its port.
 */
export const TRAEFIK_ENTRY_POINTS = { web: 8000, websecure: 8443 };

const MODULE = 'github.com/traefik/traefik/v3';
const ACCOUNT = { namespace: 'traefik', name: 'traefik' };
const MANAGER = 'platform-real-clusters';

function traefikVersion(): string | undefined {
  try {
    const goMod = readFileSync(join(REPO_ROOT, 'tools/traefik/go.mod'), 'utf8');
    return goMod.match(/^\s*github\.com\/traefik\/traefik\/v3\s+(v\S+)/m)?.[1];
  } catch {
    return undefined;
  }
}

/** The built provider: PLATFORM_TEST_TRAEFIK_BIN, else the script's cache. */
export function findTraefikBinary(): string | undefined {
  const version = traefikVersion();
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  const path =
    process.env.PLATFORM_TEST_TRAEFIK_BIN ||
    (version &&
      join(cache, 'platform-portal/traefik', `traefik-${version}`, 'traefik-gateway'));
  return isExecutable(path) ? path : undefined;
}

/** The binary, or undefined with a note (a failure under CI=true). */
export function realTraefikForSuite(suite: string): string | undefined {
  const binary = findTraefikBinary();
  if (binary) return binary;
  const message =
    "Traefik's Gateway provider is not built: run scripts/traefik-binary.sh and export the PLATFORM_TEST_TRAEFIK_BIN line it prints";
  if (process.env.CI) throw new Error(`${suite}: ${message}`);
  // eslint-disable-next-line no-console
  console.warn(`Skipping "${suite}": ${message}`);
  return undefined;
}

/** The ClusterRole of Traefik's docs for its Gateway provider, from the Go module cache. */
function traefikGatewayClusterRole(): { rules: unknown[] } {
  const go = existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : 'go';
  const cache = execFileSync(go, ['env', 'GOMODCACHE'], {
    encoding: 'utf8',
    timeout: 30_000,
  }).trim();
  const file = join(
    cache,
    `${MODULE}@${traefikVersion()}`,
    'docs/content/reference/dynamic-configuration/kubernetes-gateway-rbac.yml',
  );
  if (!existsSync(file)) {
    throw new Error(`${file} is missing: run scripts/traefik-binary.sh`);
  }
  const role = parseAllDocuments(readFileSync(file, 'utf8'))
    .map(doc => doc.toJS())
    .find(doc => doc?.kind === 'ClusterRole');
  if (!role?.rules) throw new Error(`${file} has no ClusterRole`);
  return role;
}

/** Traefik's account with the documented rights; returns a token of it. */
async function traefikToken(kube: RealKubeApiServer): Promise<string> {
  const { rules } = traefikGatewayClusterRole();
  const rbac = '/apis/rbac.authorization.k8s.io/v1';
  await applyAs(
    kube,
    `/api/v1/namespaces/${ACCOUNT.namespace}`,
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ACCOUNT.namespace } },
    MANAGER,
  );
  await applyAs(
    kube,
    `/api/v1/namespaces/${ACCOUNT.namespace}/serviceaccounts/${ACCOUNT.name}`,
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: ACCOUNT.name, namespace: ACCOUNT.namespace },
    },
    MANAGER,
  );
  await applyAs(
    kube,
    `${rbac}/clusterroles/traefik-gateway`,
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'traefik-gateway' },
      rules,
    },
    MANAGER,
  );
  await applyAs(
    kube,
    `${rbac}/clusterrolebindings/traefik-gateway`,
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'traefik-gateway' },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: 'traefik-gateway',
      },
      subjects: [{ kind: 'ServiceAccount', ...ACCOUNT }],
    },
    MANAGER,
  );
  const created = await expectCreated(
    kube.request<{ status: { token: string } }>(
      'POST',
      `/api/v1/namespaces/${ACCOUNT.namespace}/serviceaccounts/${ACCOUNT.name}/token`,
      {
        apiVersion: 'authentication.k8s.io/v1',
        kind: 'TokenRequest',
        spec: { expirationSeconds: 24 * 3600 },
      },
    ),
  );
  return created.status.token;
}

export interface RealTraefik {
  /** The provider's log (its own JSON lines). */
  logFile: string;
  stop(): Promise<void>;
}

/**
 * Starts Traefik's Gateway provider against `kube` (the Gateway API CRDs
 * must be installed: the provider watches them). The Gateway status address
 * is 127.0.0.1, Traefik's --providers.kubernetesGateway.statusAddress.ip.
 */
export async function startRealTraefik(
  kube: RealKubeApiServer,
  binary: string,
): Promise<RealTraefik> {
  const token = await traefikToken(kube);
  const kubeconfig = writeKubeconfig(join(kube.pkiDir, 'traefik.kubeconfig'), {
    server: kube.url,
    caData: kube.caData,
    token,
  });
  const logFile = join(kube.pkiDir, 'traefik.log');
  const child: ChildProcess = startChild(
    binary,
    [
      `--kubeconfig=${kubeconfig}`,
      `--entrypoint=web=:${TRAEFIK_ENTRY_POINTS.web}`,
      `--entrypoint=websecure=:${TRAEFIK_ENTRY_POINTS.websecure},tls`,
      '--status-ip=127.0.0.1',
      '--log-level=info',
    ],
    logFile,
  );
  const stop = () => stopGroup(child);
  // A wrong flag or an unreadable kubeconfig ends it at once.
  await new Promise(r => setTimeout(r, 1_000));
  if (child.exitCode !== null) {
    throw new Error(`Traefik exited while starting\n${tailLog(logFile)}`);
  }
  return { logFile, stop };
}

/**
 * A control plane of its own with Gateway API's standard CRDs and Traefik's
 * provider watching it: Traefik writes the status of every route in the
 * cluster, so a suite that reads it shares the cluster with nobody.
 * stop() ends Traefik, then the control plane.
 */
export async function startRealGatewayCluster(
  binaries: RealKubeBinaries,
  traefikBinary: string,
  name = 'gateway',
): Promise<RealKubeApiServer & { traefik: RealTraefik }> {
  const kube = await startRealKubeApiServer(binaries, { name });
  let traefik: RealTraefik | undefined;
  try {
    const crds = loadCrds([gatewayApiSource('standard')]);
    await installCrds(kube, crds);
    await grantReaderCrdGroups(kube, crds);
    traefik = await startRealTraefik(kube, traefikBinary);
  } catch (error) {
    await kube.stop();
    throw error;
  }
  const running = traefik;
  return {
    ...kube,
    traefik: running,
    stop: async () => {
      await running.stop();
      await kube.stop();
    },
  };
}
