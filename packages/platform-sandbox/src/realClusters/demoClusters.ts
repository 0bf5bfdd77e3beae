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

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { writeClusterState } from './clusterState';
import { RealKubeApiServer } from './controlPlane';
import {
  RealKubeControllerBinaries,
  RealKubeControllers,
  startRealKubeControllers,
} from './controllers';
import { grantReaderCrdGroups, installCrds } from './installCrds';
import { RealKubeBinaries } from './kubeBinaries';
import {
  RealClusterSpec,
  RunningRealClusters,
  startRealClusters,
} from './launcher';
import { mirrorIntoRealCluster } from './mirrorCluster';
import { gatewayApiSource, loadCrds, STACK_CRD_SOURCES } from './stackCrds';
import { standInCrds } from './standInCrds';

/*
 * `make start` with PLATFORM_REAL_CLUSTERS=N: the first N clusters of the
 * running sandbox (its management cluster first) get real control planes of
 * the same names, holding the stack's upstream CRDs and a copy of the
 * sandbox cluster's objects; an app-config overlay points the portal's
 * Kubernetes side at them, everything else stays on the sandbox.
 */

interface SandboxClusterDescription {
  name: string;
  management: boolean;
  kubernetes: {
    url: string;
    /** The sandbox cluster's own CA. */
    caData: string;
    tokens: { admin: string; reader: string };
  };
}

/** PLATFORM_REAL_KUBE_TOKEN_PROD_EU_1 and the like: tokens reach the portal by env only. */
export function tokenVariable(cluster: string, role: 'READ' | 'WRITE'): string {
  const name = cluster.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  return `PLATFORM_REAL_KUBE_${role}_TOKEN_${name}`;
}

/** The management cluster first, then the others in the sandbox's order. */
export function chooseClusters(
  clusters: SandboxClusterDescription[],
  count: number,
): SandboxClusterDescription[] {
  if (!Number.isInteger(count) || count < 1 || count > clusters.length) {
    throw new Error(
      `PLATFORM_REAL_CLUSTERS must be a whole number from 1 to ${clusters.length} (the sandbox's clusters), not ${count}`,
    );
  }
  return [
    ...clusters.filter(c => c.management),
    ...clusters.filter(c => !c.management),
  ].slice(0, count);
}

/** Team label of the mirrored namespaces to the namespaces each team owns. */
async function teamsOf(
  kube: RealKubeApiServer,
): Promise<Record<string, string[]>> {
  const namespaces = await kube.request('GET', '/api/v1/namespaces');
  const teams: Record<string, string[]> = {};
  for (const ns of namespaces.body?.items ?? []) {
    const team = ns.metadata?.labels?.['platform-portal.io/team'];
    if (team) (teams[team] ??= []).push(ns.metadata.name);
  }
  return teams;
}

/** The portal's config with the chosen clusters' Kubernetes on the real control planes. */
export function realClustersAppConfig(
  sandboxAppConfig: Record<string, any>,
  running: RunningRealClusters,
): Record<string, unknown> {
  const real = running.clusters;
  const platformClusters = (sandboxAppConfig.platform?.clusters ?? []).map(
    (cluster: Record<string, any>) =>
      real[cluster.name]
        ? {
            ...cluster,
            kubernetes: {
              url: real[cluster.name].url,
              caData: real[cluster.name].caData,
              token: { $env: tokenVariable(cluster.name, 'READ') },
              writeToken: { $env: tokenVariable(cluster.name, 'WRITE') },
            },
          }
        : cluster,
  );
  const locators = (
    sandboxAppConfig.kubernetes?.clusterLocatorMethods ?? []
  ).map((method: Record<string, any>) => ({
    ...method,
    clusters: (method.clusters ?? []).map((cluster: Record<string, any>) => {
      const kube = real[cluster.name];
      if (!kube) return cluster;
      const { skipTLSVerify: _skip, ...rest } = cluster;
      return {
        ...rest,
        url: kube.url,
        caData: kube.caData,
        serviceAccountToken: { $env: tokenVariable(cluster.name, 'READ') },
      };
    }),
  }));
  return {
    kubernetes: {
      ...sandboxAppConfig.kubernetes,
      clusterLocatorMethods: locators,
    },
    platform: {
      sandbox: {
        ...sandboxAppConfig.platform?.sandbox,
        realKubernetes: Object.keys(real),
      },
      clusters: platformClusters,
    },
  };
}

export async function startDemoClusters(options: {
  count: number;
  /** sandbox.json of the running sandbox. */
  sandboxDescription: string;
  /** app-config.sandbox.yaml of the running sandbox. */
  sandboxAppConfig: string;
  /** Where the overlay goes (it holds no token). */
  appConfigOut: string;
  dir: string;
  stateFile: string;
  binaries: RealKubeBinaries;
  controllerBinaries?: RealKubeControllerBinaries;
  log: (message: string) => void;
}): Promise<RunningRealClusters> {
  const description = JSON.parse(
    readFileSync(options.sandboxDescription, 'utf8'),
  );
  const chosen = chooseClusters(description.clusters, options.count);
  const upstreamCrds = loadCrds([
    gatewayApiSource('standard'),
    ...STACK_CRD_SOURCES,
  ]);
  const crds = [...upstreamCrds, ...standInCrds(upstreamCrds)];
  const controllers: RealKubeControllers[] = [];
  const specs: RealClusterSpec[] = chosen.map(cluster => ({
    name: cluster.name,
    seed: async kube => {
      await installCrds(kube, crds);
      await grantReaderCrdGroups(kube, crds);
      const report = await mirrorIntoRealCluster(
        {
          url: cluster.kubernetes.url,
          caData: cluster.kubernetes.caData,
          adminToken: cluster.kubernetes.tokens.admin,
        },
        kube,
      );
      options.log(
        `${cluster.name}: ${crds.length} CRDs, ${
          report.applied
        } objects applied, ${report.refused.length} refused${
          report.refused.length
            ? `:\n  ${report.refused.slice(0, 10).join('\n  ')}`
            : ''
        }`,
      );
      // After the copy, so kwok finds every node and pod with its status.
      if (options.controllerBinaries) {
        controllers.push(
          await startRealKubeControllers(kube, options.controllerBinaries, {
            scenario: true,
          }),
        );
        options.log(
          `${cluster.name}: kube-controller-manager and kwok keep the scenario's nodes and pods`,
        );
      }
      return { teams: await teamsOf(kube) };
    },
  }));
  const stopControllers = () => Promise.all(controllers.map(c => c.stop()));
  let started: RunningRealClusters;
  try {
    started = await startRealClusters(specs, {
      ...options,
      stateFile: undefined,
    });
  } catch (error) {
    await stopControllers();
    throw error;
  }
  // Controllers first, so they never outlive the API server they talk to.
  const running: RunningRealClusters = {
    ...started,
    stop: async () => {
      await stopControllers();
      await started.stop();
    },
  };
  const overlay = realClustersAppConfig(
    parse(readFileSync(options.sandboxAppConfig, 'utf8')),
    running,
  );
  writeFileSync(
    options.appConfigOut,
    `# Written by platform-sandbox's real clusters launcher; tokens come from the environment.\n${stringify(
      overlay,
    )}`,
  );
  // Read by scripts/start.sh and exported: outside the repository, owner only.
  writeFileSync(
    join(options.dir, 'tokens.env'),
    Object.entries(running.clusters)
      .flatMap(([name, kube]) => [
        `${tokenVariable(name, 'READ')}=${kube.readerToken}`,
        `${tokenVariable(name, 'WRITE')}=${kube.adminToken}`,
      ])
      .join('\n')
      .concat('\n'),
    { mode: 0o600 },
  );
  // Last: whoever waits for the state file finds the overlay and tokens there.
  writeClusterState(options.stateFile, running.state);
  return running;
}
