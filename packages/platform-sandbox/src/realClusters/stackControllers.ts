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

import { startRealCertManager } from './certManagerController';
import { sharedRealCluster } from './clusterState';
import { RealKubeApiServer, startRealKubeApiServer } from './controlPlane';
import { RealKubeBinaries } from './kubeBinaries';
import { startRealMetallb } from './metallbController';
import { RealStackBinaries } from './stackBinaries';
import { Crd, gatewayApiSource, loadCrds } from './stackCrds';
import { grantReaderCrdGroups, installCrds } from './installCrds';

/*
 * The stack's controllers of one cluster: cert-manager and MetalLB, each
 * when its binary is built. The launcher starts them once per test run on
 * the `stack` test cluster; a suite run by itself starts its own.
 */

export type StackController = keyof RealStackBinaries;

export interface RealStackControllers {
  running: StackController[];
  stop(): Promise<void>;
}

export async function startRealStackControllers(kube: RealKubeApiServer, binaries: Partial<RealStackBinaries>): Promise<RealStackControllers> {
  const stops: Array<() => Promise<void>> = [];
  const running: StackController[] = [];
  const crds: Crd[] = [];
  const stop = async () => {
    await Promise.all(stops.map(s => s()));
  };
  try {
    // Gateway API too, as on the stack's clusters: the actions read HTTPRoutes.
    const gateway = loadCrds([gatewayApiSource('standard')]);
    await installCrds(kube, gateway);
    crds.push(...gateway);
    // One after the other: each installs its CRDs and waits for its start.
    if (binaries.certManagerController) {
      const certManager = await startRealCertManager(kube, binaries.certManagerController);
      stops.push(certManager.stop);
      crds.push(...certManager.crds);
      running.push('certManagerController');
    }
    if (binaries.metallbController) {
      const metallb = await startRealMetallb(kube, binaries.metallbController);
      stops.push(metallb.stop);
      crds.push(...metallb.crds);
      running.push('metallbController');
    }
    // One grant for both groups: the reader's stack role has one list of them.
    if (crds.length) await grantReaderCrdGroups(kube, crds);
  } catch (error) {
    await stop();
    throw error;
  }
  return { running, stop };
}

/** The launcher's `stack` cluster when PLATFORM_REAL_KUBE_STATE is set, else one of the suite's own with the controllers it needs. */
export async function realStackKubeForSuite(binaries: RealKubeBinaries, stack: Partial<RealStackBinaries>, needed: StackController[]): Promise<RealKubeApiServer> {
  const shared = sharedRealCluster('stack');
  if (shared) {
    const missing = needed.filter(n => !(shared.entry.stack ?? []).includes(n));
    if (missing.length) throw new Error(`the shared cluster stack runs no ${missing.join(', ')}: build it before the launcher starts`);
    return shared.kube;
  }
  const kube = await startRealKubeApiServer(binaries, { name: 'stack' });
  try {
    const controllers = await startRealStackControllers(kube, Object.fromEntries(needed.map(n => [n, stack[n]])));
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
