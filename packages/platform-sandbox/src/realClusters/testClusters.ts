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

import { RealKubeApiServer, startRealKubeApiServer } from './controlPlane';
import { sharedRealCluster } from './clusterState';
import {
  RealKubeControllerBinaries,
  startRealKubeControllers,
} from './controllers';
import { RealKubeBinaries } from './kubeBinaries';
import { RealClusterSpec } from './launcher';

/*
 * The clusters a test run starts once (scripts/real-clusters.sh) and the
 * realkube suites share. Jest runs suites in parallel, so suites that compare
 * a whole cluster with the sandbox, or that run controllers acting on every
 * object, each have one of their own; suites that only touch their own
 * namespaces and names share one.
 */
export const TEST_CLUSTERS = {
  /** differential.realkube: discovery and lists must match a fresh sandbox cluster. */
  differential: { name: 'differential' },
  /** kubectl.realkube: holds a copy of one sandbox cluster, compared whole. */
  kubectl: { name: 'kubectl' },
  /** clusterTls.realkube (nodes, team-a) and actions.realkube (the stack's CRDs, team namespaces). */
  product: { name: 'product' },
  /** mirroredFleet.realkube: holds a copy of one sandbox cluster and the stack's CRDs, for a health refresh. */
  health: { name: 'health' },
  /** deployRollout.realkube: the controllers schedule its pods onto kwok nodes. */
  management: { name: 'management', controllers: true },
  /** certificates.realkube and loadBalancers.realkube: cert-manager and MetalLB allocate and issue. */
  stack: { name: 'stack', stack: true },
} satisfies Record<string, RealClusterSpec>;

export type TestClusterName = keyof typeof TEST_CLUSTERS;

/**
 * The suite's cluster: the shared one when a launcher runs
 * (PLATFORM_REAL_KUBE_STATE), else one started for this suite alone, so a
 * suite still runs by itself. stop() ends only what the suite started.
 */
export async function realKubeForSuite(
  name: TestClusterName,
  binaries: RealKubeBinaries,
  controllerBinaries?: RealKubeControllerBinaries,
): Promise<RealKubeApiServer> {
  const shared = sharedRealCluster(name);
  if (shared) {
    if (controllerBinaries && !shared.entry.controllers) {
      throw new Error(`the shared cluster ${name} runs no controllers`);
    }
    return shared.kube;
  }
  const kube = await startRealKubeApiServer(binaries, { name });
  if (!controllerBinaries) return kube;
  try {
    const controllers = await startRealKubeControllers(
      kube,
      controllerBinaries,
    );
    return {
      ...kube,
      stop: async () => {
        await controllers.stop();
        await kube.stop();
      },
    };
  } catch (error) {
    await kube.stop();
    throw error;
  }
}
