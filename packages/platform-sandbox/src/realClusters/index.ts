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

export {
  startRealKubeApiServer,
  type RealKubeApiServer,
  type StartRealKubeOptions,
} from './controlPlane';
export {
  startRealKubeControllers,
  findRealKubeControllerBinaries,
  realKubeControllersForSuite,
  type RealKubeControllerBinaries,
  type RealKubeControllers,
} from './controllers';
export {
  connectRealCluster,
  readClusterState,
  sharedRealCluster,
  REAL_KUBE_STATE_ENV,
  type RealClusterEntry,
  type RealClustersState,
} from './clusterState';
export { pinnedModuleDir, pinnedVersion } from './goModules';
export {
  defaultCacheDir,
  findRealKubeBinaries,
  realKubeBinariesForSuite,
  type RealKubeBinaries,
} from './kubeBinaries';
export { writeKubeconfig } from './kubeconfigFile';
export {
  expectCreated,
  kubeRequester,
  type KubeRequest,
  type KubeResponse,
} from './kubeRequest';
export {
  startRealClusters,
  type RealClusterSpec,
  type RunningRealClusters,
} from './launcher';
export { applyAs } from './serverSideApply';
export {
  realKubeForSuite,
  TEST_CLUSTERS,
  type TestClusterName,
} from './testClusters';
export { standInCrds } from './standInCrds';
export { grantReaderCrdGroups, installCrds } from './installCrds';
export { mirrorIntoRealCluster, type MirrorReport } from './mirrorCluster';
export {
  gatewayApiSource,
  loadCrds,
  STACK_CRD_SOURCES,
  type Crd,
  type CrdSource,
  type GatewayChannel,
} from './stackCrds';
export {
  findRealStackBinaries,
  realStackBinariesForSuite,
  type RealStackBinaries,
} from './stackBinaries';
export {
  realStackKubeForSuite,
  startRealStackControllers,
  type RealStackControllers,
  type StackController,
} from './stackControllers';
export {
  CERT_MANAGER_NAMESPACE,
  certManagerCrdSource,
  createCaClusterIssuer,
} from './certManagerController';
export { METALLB_NAMESPACE, metallbCrdSource } from './metallbController';
export { teamToken } from './teamAccess';
export {
  findTraefikBinary,
  realTraefikForSuite,
  startRealGatewayCluster,
  startRealTraefik,
  TRAEFIK_CONTROLLER_NAME,
  TRAEFIK_ENTRY_POINTS,
  type RealTraefik,
} from './traefikController';
