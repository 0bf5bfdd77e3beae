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

import { join } from 'node:path';
import { RealKubeApiServer } from './controlPlane';
import { pinnedToolVersion } from './goModules';
import { installCrds } from './installCrds';
import { writeKubeconfig } from './kubeconfigFile';
import { startChild, stopGroup, tailLog } from './processes';
import { applyAs } from './serverSideApply';
import { Crd, CrdSource, loadCrds } from './stackCrds';

/*
 * MetalLB's controller (controller/ of go.universe.tf/metallb) against one
 * real cluster: it assigns LoadBalancer addresses from IPAddressPools and
 * writes their status. Its webhook is off (no Service routing reaches it
 * without kube-proxy), and no speaker runs: announcing is not allocation.
 */

export const METALLB_NAMESPACE = 'metallb-system';

const CRD_KINDS = ['bfdprofiles', 'bgpadvertisements', 'bgppeers', 'communities', 'ipaddresspools', 'l2advertisements', 'servicebgpstatuses', 'servicel2statuses'];

/** The CRDs of the pinned module's config/crd, as its chart installs them. */
export function metallbCrdSource(): CrdSource {
  return {
    module: 'go.universe.tf/metallb',
    version: pinnedToolVersion('metallb', 'go.universe.tf/metallb'),
    files: CRD_KINDS.map(kind => `config/crd/bases/metallb.io_${kind}.yaml`),
  };
}

export interface RealMetallb {
  /** The CRDs it installed, for the reader's grant. */
  crds: Crd[];
  stop(): Promise<void>;
}

export async function startRealMetallb(kube: RealKubeApiServer, binary: string): Promise<RealMetallb> {
  const crds = loadCrds([metallbCrdSource()]);
  await installCrds(kube, crds);
  await applyAs(kube, `/api/v1/namespaces/${METALLB_NAMESPACE}`, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: METALLB_NAMESPACE } }, 'helm');
  const kubeconfig = writeKubeconfig(join(kube.pkiDir, 'metallb.kubeconfig'), { server: kube.url, caData: kube.caData, token: kube.adminToken });
  const log = join(kube.pkiDir, 'metallb-controller.log');
  // controller-runtime reads KUBECONFIG; metrics on a port of the kernel's
  // choosing (0), so parallel clusters never meet there.
  const child = startChild(binary, [`--namespace=${METALLB_NAMESPACE}`, '--webhook-mode=disabled', '--port=0', '--log-level=info'], log, { KUBECONFIG: kubeconfig });
  const stop = () => stopGroup(child);
  const deadline = Date.now() + 60_000;
  // Its manager starts the reconcilers once the CRDs are served.
  while (!/"msg":"Starting Manager"/.test(tailLog(log, 400))) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the MetalLB controller exited while starting\n${tailLog(log)}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the MetalLB controller did not start in 60 s\n${tailLog(log)}`);
    }
    await new Promise(r => setTimeout(r, 250));
  }
  return { crds, stop };
}
