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
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RealKubeApiServer } from './controlPlane';
import { pinnedModuleDir, pinnedVersion } from './goModules';
import { writeKubeconfig } from './kubeconfigFile';
import { scenarioStages } from './scenarioStages';
import { defaultCacheDir, isExecutable } from './kubeBinaries';
import { startChild, stopGroup, tailLog } from './processes';

/*
 * kube-controller-manager, kube-scheduler and kwok (nodes and pods that
 * report as a kubelet would, without containers) beside a real API server,
 * all built by scripts/kube-binaries.sh.
 */

export interface RealKubeControllerBinaries {
  controllerManager: string;
  scheduler: string;
  kwok: string;
}

/** kwok's folder in the cache: it is versioned apart from Kubernetes. */
const KWOK_PATH = `kwok-${pinnedVersion('sigs.k8s.io/kwok')}/kwok`;

/**
 * kwok's own stages (kustomize/stage of its module): nodes initialise and
 * keep a heartbeat, pods bound to them become ready, complete and go.
 */
const KWOK_STAGES = [
  'node/fast/node-initialize.yaml',
  'node/heartbeat/node-heartbeat.yaml',
  'pod/fast/pod-ready.yaml',
  'pod/fast/pod-complete.yaml',
  'pod/fast/pod-delete.yaml',
];

const BINARIES: Array<[keyof RealKubeControllerBinaries, string, string]> = [
  [
    'controllerManager',
    'kube-controller-manager',
    'PLATFORM_TEST_KUBE_CONTROLLER_MANAGER_BIN',
  ],
  ['scheduler', 'kube-scheduler', 'PLATFORM_TEST_KUBE_SCHEDULER_BIN'],
  ['kwok', KWOK_PATH, 'PLATFORM_TEST_KWOK_BIN'],
];

/** Where each binary is, and the env variables of those that are missing. */
function locateControllerBinaries(): {
  found: Partial<RealKubeControllerBinaries>;
  missing: string[];
} {
  const dir = defaultCacheDir();
  const found: Partial<RealKubeControllerBinaries> = {};
  const missing: string[] = [];
  for (const [key, name, variable] of BINARIES) {
    const path = process.env[variable] || (dir && join(dir, name));
    if (isExecutable(path)) found[key] = path;
    else missing.push(variable);
  }
  return { found, missing };
}

/** The binaries from the env `scripts/kube-binaries.sh` prints, else from its cache. */
export function findRealKubeControllerBinaries():
  | RealKubeControllerBinaries
  | undefined {
  const { found, missing } = locateControllerBinaries();
  return missing.length === 0
    ? (found as RealKubeControllerBinaries)
    : undefined;
}

/** As realKubeBinariesForSuite: fails under CI when missing, else skips with a note. */
export function realKubeControllersForSuite(
  suite: string,
): RealKubeControllerBinaries | undefined {
  const { found, missing } = locateControllerBinaries();
  if (missing.length === 0) return found as RealKubeControllerBinaries;
  const message = `${missing.join(
    ', ',
  )} not built: run scripts/kube-binaries.sh and export the lines it prints`;
  if (process.env.CI) throw new Error(`${suite}: ${message}`);
  // eslint-disable-next-line no-console
  console.warn(`Skipping "${suite}": ${message}`);
  return undefined;
}

/**
 * Controllers that would rewrite a copied scenario: node lifecycle and taint
 * eviction evict the pods of a NotReady node; the copy carries no owner
 * references or claim uids of its own, so the workload controllers would
 * adopt or replace its pods (new ones stay Pending with no scheduler) and
 * recount their status, the volume binder would call its claims Lost, and
 * the autoscaler finds no metrics.
 */
const SCENARIO_DISABLED = [
  'node-lifecycle-controller',
  'taint-eviction-controller',
  'deployment-controller',
  'replicaset-controller',
  'statefulset-controller',
  'daemonset-controller',
  'job-controller',
  'cronjob-controller',
  'disruption-controller',
  'horizontal-pod-autoscaler-controller',
  'persistentvolume-binder-controller',
  'persistentvolume-attach-detach-controller',
];
const SCENARIO_CONTROLLERS = ['*', ...SCENARIO_DISABLED.map(c => `-${c}`)].join(
  ',',
);

export interface RealKubeControllers {
  stop(): Promise<void>;
}

/**
 * Starts the controller manager (every default controller, signing with the
 * cluster's service-account key), the scheduler and kwok, which manages the
 * nodes annotated `kwok.x-k8s.io/node: fake` and the pods bound to them.
 */
export async function startRealKubeControllers(
  kube: RealKubeApiServer,
  binaries: RealKubeControllerBinaries,
  options: {
    /**
     * A copy of a sandbox cluster whose scenario must stay: kwok's stages
     * narrowed to keep it (scenarioStages) on every node, the controller
     * manager without SCENARIO_DISABLED and no scheduler (it would bind the
     * pod the scenario keeps Pending for want of memory, which its requests
     * do not show).
     */
    scenario?: boolean;
  } = {},
): Promise<RealKubeControllers> {
  const pki = kube.pkiDir;
  const kubeconfig = writeKubeconfig(join(pki, 'controllers.kubeconfig'), {
    server: kube.url,
    caData: kube.caData,
    token: kube.adminToken,
  });
  const stagesDir = pinnedModuleDir('sigs.k8s.io/kwok', 'kustomize/stage');
  const kwokConfig = join(pki, 'kwok.yaml');
  writeFileSync(
    kwokConfig,
    options.scenario
      ? scenarioStages()
      : KWOK_STAGES.map(file =>
          readFileSync(join(stagesDir, file), 'utf8'),
        ).join('\n---\n'),
  );
  const children: ChildProcess[] = [];
  const names: string[] = [];
  const log = (name: string) => join(pki, `${name}.log`);
  const common = [`--kubeconfig=${kubeconfig}`, '--leader-elect=false'];
  children.push(
    startChild(
      binaries.controllerManager,
      [
        ...common,
        // Loopback only, no metrics endpoint: nothing here scrapes it.
        '--secure-port=0',
        `--service-account-private-key-file=${join(pki, 'sa.key')}`,
        `--root-ca-file=${join(pki, 'ca.crt')}`,
        `--cluster-signing-cert-file=${join(pki, 'ca.crt')}`,
        `--cluster-signing-key-file=${join(pki, 'ca.key')}`,
        '--use-service-account-credentials=true',
        ...(options.scenario ? [`--controllers=${SCENARIO_CONTROLLERS}`] : []),
        '--v=1',
      ],
      log('kube-controller-manager'),
    ),
  );
  names.push('kube-controller-manager');
  if (!options.scenario) {
    children.push(
      startChild(
        binaries.scheduler,
        [...common, '--secure-port=0', '--v=1'],
        log('kube-scheduler'),
      ),
    );
    names.push('kube-scheduler');
  }
  children.push(
    startChild(
      binaries.kwok,
      [
        `--kubeconfig=${kubeconfig}`,
        `--config=${kwokConfig}`,
        ...(options.scenario
          ? ['--manage-all-nodes=true']
          : [
              '--manage-all-nodes=false',
              '--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake',
            ]),
        '--server-address=127.0.0.1:0',
        '--v=INFO',
      ],
      log('kwok'),
    ),
  );
  names.push('kwok');
  const stop = async () => {
    await Promise.all(children.map(child => stopGroup(child)));
  };
  // A controller that exits at once (a wrong flag) would otherwise show only as a timeout.
  await new Promise(r => setTimeout(r, 2_000));
  const exited = names.filter((_, i) => children[i].exitCode !== null);
  if (exited.length > 0) {
    await stop();
    throw new Error(
      exited
        .map(name => `${name} exited while starting\n${tailLog(log(name))}`)
        .join('\n'),
    );
  }
  return { stop };
}
