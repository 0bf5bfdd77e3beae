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

export * from './scenario/types';
export { defaultFleet } from './scenario/defaultFleet';
export { generateFleet } from './scenario/generateFleet';
export type { GenerateFleetOptions } from './scenario/generateFleet';
export { ControlState, NORMAL_BEHAVIOUR } from './control/ControlState';
export type {
  Behaviour,
  BehaviourSelector,
  RequestCounters,
  UpstreamId,
} from './control/ControlState';
export { SimClock } from './control/SimClock';
export { FAULT_CLASSES } from './control/faultClasses';
export type { FaultClass } from './control/faultClasses';
export { applyBehaviour } from './control/applyBehaviour';
export type { GateOptions } from './control/applyBehaviour';
export { startSandbox, seedFaults } from './server/startSandbox';
export type {
  Sandbox,
  SandboxClusterEndpoint,
  StartSandboxOptions,
} from './server/startSandbox';
export { appConfigYaml, sandboxDescription } from './server/sandboxFiles';
export { kubeFetch } from './server/kubeFetch';
export type { KubeFetchInit } from './server/kubeFetch';
export { kubeconfigYaml } from './server/kubeconfig';
export type { KubeconfigCluster } from './server/kubeconfig';
export { SimulatedFleet } from './fleet/SimulatedFleet';
export { createUpstreamSimulators } from './upstreams';
export * from './realClusters';
export * from './realServers';
