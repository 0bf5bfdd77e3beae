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

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RealKubeApiServer, startRealKubeApiServer } from './controlPlane';
import {
  RealClusterEntry,
  RealClustersState,
  writeClusterState,
} from './clusterState';
import {
  RealKubeControllerBinaries,
  RealKubeControllers,
  startRealKubeControllers,
} from './controllers';
import { writeKubeconfig } from './kubeconfigFile';
import { RealKubeBinaries } from './kubeBinaries';
import { teamToken } from './teamAccess';
import { RealStackBinaries } from './stackBinaries';
import { startRealStackControllers, StackController } from './stackControllers';

/*
 * Starts several real clusters side by side, each a control plane of its own
 * (CA, service-account keys, etcd), and writes the state file that tells
 * others where they are. The clusters live as long as the returned handle.
 */

export interface RealClusterSpec {
  name: string;
  /** kube-controller-manager, kube-scheduler and kwok beside the API server. */
  controllers?: boolean;
  /** cert-manager and MetalLB controllers beside it, those that are built. */
  stack?: boolean;
  /** Team name to the namespaces its token may edit. */
  teams?: Record<string, string[]>;
  /** Runs once the cluster answers, before its tokens are made; may name more teams. */
  seed?: (kube: RealKubeApiServer) => Promise<{
    teams?: Record<string, string[]>;
  }>;
}

export interface RunningRealClusters {
  state: RealClustersState;
  clusters: Record<string, RealKubeApiServer>;
  stop(): Promise<void>;
}

async function startOne(
  spec: RealClusterSpec,
  dir: string,
  binaries: RealKubeBinaries,
  controllerBinaries: RealKubeControllerBinaries | undefined,
  stackBinaries: Partial<RealStackBinaries>,
  started: Array<RealKubeApiServer | RealKubeControllers>,
): Promise<[RealKubeApiServer, RealClusterEntry]> {
  const kube = await startRealKubeApiServer(binaries, { name: spec.name });
  started.push(kube);
  if (spec.controllers) {
    if (!controllerBinaries) {
      throw new Error(
        `cluster ${spec.name} needs kube-controller-manager, kube-scheduler and kwok: run scripts/kube-binaries.sh`,
      );
    }
    started.push(await startRealKubeControllers(kube, controllerBinaries));
  }
  let stack: StackController[] | undefined;
  if (spec.stack) {
    const controllers = await startRealStackControllers(kube, stackBinaries);
    started.push(controllers);
    stack = controllers.running;
  }
  const own = join(dir, spec.name);
  mkdirSync(own, { recursive: true, mode: 0o700 });
  const secret = (file: string, value: string) => {
    writeFileSync(join(own, file), value, { mode: 0o600 });
    return join(own, file);
  };
  const seeded = spec.seed ? await spec.seed(kube) : {};
  const teamTokenFiles: Record<string, string> = {};
  for (const [team, namespaces] of Object.entries({
    ...spec.teams,
    ...seeded.teams,
  })) {
    teamTokenFiles[team] = secret(
      `${team}.token`,
      await teamToken(kube, team, namespaces),
    );
  }
  const entry: RealClusterEntry = {
    url: kube.url,
    caFile: join(kube.pkiDir, 'ca.crt'),
    adminTokenFile: secret('admin.token', kube.adminToken),
    readerTokenFile: secret('reader.token', kube.readerToken),
    teamTokenFiles,
    pkiDir: kube.pkiDir,
    controllers: Boolean(spec.controllers),
    ...(stack ? { stack } : {}),
    kubeconfig: writeKubeconfig(join(own, 'kubeconfig'), {
      name: spec.name,
      server: kube.url,
      caData: kube.caData,
      token: kube.adminToken,
    }),
  };
  return [kube, entry];
}

/** Starts every cluster at once; if one fails, those already up are stopped. */
export async function startRealClusters(
  specs: RealClusterSpec[],
  options: {
    /** Where the state file and each cluster's tokens and kubeconfig go. */
    dir: string;
    /** Written once every cluster answers; a caller with more to write first leaves it out. */
    stateFile?: string;
    binaries: RealKubeBinaries;
    controllerBinaries?: RealKubeControllerBinaries;
    /** For clusters with `stack`: those not built are left out. */
    stackBinaries?: Partial<RealStackBinaries>;
  },
): Promise<RunningRealClusters> {
  const started: Array<RealKubeApiServer | RealKubeControllers> = [];
  // Controllers first, so they never outlive the API server they talk to.
  const stop = async () => {
    const controllers = started.filter(s => !('url' in s));
    const servers = started.filter(s => 'url' in s);
    await Promise.all(controllers.map(s => s.stop()));
    await Promise.all(servers.map(s => s.stop()));
  };
  try {
    const results = await Promise.all(
      specs.map(spec =>
        startOne(
          spec,
          options.dir,
          options.binaries,
          options.controllerBinaries,
          options.stackBinaries ?? {},
          started,
        ),
      ),
    );
    const state: RealClustersState = {
      pid: process.pid,
      clusters: Object.fromEntries(
        results.map(([, entry], i) => [specs[i].name, entry]),
      ),
    };
    if (options.stateFile) writeClusterState(options.stateFile, state);
    return {
      state,
      clusters: Object.fromEntries(
        results.map(([kube], i) => [specs[i].name, kube]),
      ),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
