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

/**
 * The description of a simulated fleet. Every simulator (Kubernetes, Cluster
 * API, ArgoCD, Nexus, Grafana, ...) derives its state from one FleetSpec, so
 * that what one upstream says about a cluster agrees with what the others say.
 *
 * The sandbox defines its own layer ids on purpose: it never imports the
 * portal's packages, so it cannot share their mistakes.
 */
export type LayerId =
  | 'provisioning'
  | 'hardware'
  | 'networking'
  | 'external-lb'
  | 'internal-lb'
  | 'ingress'
  | 'storage'
  | 'security'
  | 'identity'
  | 'artifacts'
  | 'gitops'
  | 'cicd'
  | 'observability';

export const LAYER_IDS: readonly LayerId[] = [
  'provisioning',
  'hardware',
  'networking',
  'external-lb',
  'internal-lb',
  'ingress',
  'storage',
  'security',
  'identity',
  'artifacts',
  'gitops',
  'cicd',
  'observability',
];

export type Provisioner = 'cluster-api' | 'kubeadm' | 'rke2';

export type Environment = 'management' | 'production' | 'staging' | 'development';

/** The faults a scenario can place on a cluster; each belongs to one layer. */
export type FaultId =
  | 'node-not-ready'
  | 'node-memory-pressure'
  | 'control-plane-degraded'
  | 'etcd-snapshot-failing'
  | 'cilium-agent-crashloop'
  | 'haproxy-backend-down'
  | 'keepalived-split-brain'
  | 'keepalived-fault'
  | 'metallb-pool-exhausted'
  | 'httproute-backend-missing'
  | 'gateway-not-programmed'
  | 'longhorn-volume-degraded'
  | 'longhorn-volume-faulted'
  | 'longhorn-volume-no-backup'
  | 'certificate-renewal-stuck'
  | 'clusterissuer-not-ready'
  | 'dex-down'
  | 'unexpected-cluster-admin'
  | 'nexus-not-writable'
  | 'nexus-blobstore-full'
  | 'argocd-app-out-of-sync'
  | 'argocd-app-degraded'
  | 'argocd-sync-failed'
  | 'gitlab-runner-offline'
  | 'pipeline-failing'
  | 'scrape-target-down'
  | 'loki-not-ready';

export const FAULT_LAYERS: Record<FaultId, LayerId> = {
  'node-not-ready': 'hardware',
  'node-memory-pressure': 'hardware',
  'control-plane-degraded': 'provisioning',
  'etcd-snapshot-failing': 'provisioning',
  'cilium-agent-crashloop': 'networking',
  'haproxy-backend-down': 'external-lb',
  'keepalived-split-brain': 'external-lb',
  'keepalived-fault': 'external-lb',
  'metallb-pool-exhausted': 'internal-lb',
  'httproute-backend-missing': 'ingress',
  'gateway-not-programmed': 'ingress',
  'longhorn-volume-degraded': 'storage',
  'longhorn-volume-faulted': 'storage',
  'longhorn-volume-no-backup': 'storage',
  'certificate-renewal-stuck': 'security',
  'clusterissuer-not-ready': 'security',
  'dex-down': 'identity',
  'unexpected-cluster-admin': 'identity',
  'nexus-not-writable': 'artifacts',
  'nexus-blobstore-full': 'artifacts',
  'argocd-app-out-of-sync': 'gitops',
  'argocd-app-degraded': 'gitops',
  'argocd-sync-failed': 'gitops',
  'gitlab-runner-offline': 'cicd',
  'pipeline-failing': 'cicd',
  'scrape-target-down': 'observability',
  'loki-not-ready': 'observability',
};

export interface FaultSpec {
  id: FaultId;
  /** Optional object the fault applies to, e.g. a node, volume or route name. */
  target?: string;
}

export interface ClusterSpec {
  name: string;
  provisioner: Provisioner;
  environment: Environment;
  region: string;
  kubernetesVersion: string;
  controlPlaneReplicas: number;
  workerReplicas: number;
  /** For Cluster API workload clusters: the management cluster that declares them. */
  managementCluster?: string;
  /** Namespace of the Cluster object in the management cluster. */
  capiNamespace?: string;
  /** Node sizing, used by the hardware layer and the sizing advisor. */
  controlPlaneNode: NodeSize;
  workerNode: NodeSize;
  /** Faults present when the scenario starts. */
  faults: FaultSpec[];
  /**
   * When the Cluster API declared the cluster while the sandbox ran (RFC
   * 3339): it starts empty and its platform layers install in stages after.
   */
  declaredAt?: string;
  /** What a version upgrade of this cluster must reckon with; plain objects, cleared by ordinary writes. */
  upgrade?: UpgradeScenario;
}

/** Objects of a cluster that bear on its next Kubernetes upgrade. */
export interface UpgradeScenario {
  /** Objects last applied through an API version a later release stops serving. */
  legacyApiObjects?: LegacyApiObject[];
  /** Platform workloads running another release than the fleet's usual one: workload name to image. */
  addonImages?: Record<string, string>;
  /** PodDisruptionBudgets over the cluster's components. */
  disruptionBudgets?: DisruptionBudgetSpec[];
}

export interface LegacyApiObject {
  apiVersion: string;
  kind: 'FlowSchema' | 'PriorityLevelConfiguration';
  name: string;
  /** The field manager that applied it, e.g. `kubectl-client-side-apply`. */
  manager: string;
}

export interface DisruptionBudgetSpec {
  namespace: string;
  name: string;
  /** The component whose pods it selects (`app.kubernetes.io/name`). */
  component: string;
  minAvailable?: number | string;
  maxUnavailable?: number | string;
}

export interface NodeSize {
  cpu: number;
  memoryGiB: number;
  diskGiB: number;
}

/** An example application component, deployed to some clusters. */
export interface ComponentSpec {
  /** Catalog component name, Kubernetes app label, Tempo service name. */
  name: string;
  /** Owning catalog group. */
  team: string;
  namespace: string;
  /** Docker image repository path in Nexus, e.g. `team-payments/payments-api`. */
  image: string;
  /** Helm chart name in Nexus. */
  chart: string;
  /** Published versions, oldest first; the last one is the newest. */
  versions: string[];
  /** Version running per cluster name; clusters not listed do not run it. */
  deployments: Record<string, string>;
  /** GitLab project path with namespace, e.g. `team-payments/payments-api`. */
  gitlabProject: string;
  replicas: number;
  /**
   * Per cluster, what goes wrong with the component's pods there: the first
   * pod (by name) has the first problem, the next the second, and so on.
   */
  podProblems?: Record<string, PodProblem[]>;
  /** Host name under the platform domain, if the component is exposed. */
  hostname?: string;
}

/** How a pod of a component can be broken, as the kubelet and scheduler would report it. */
export type PodProblem = 'crashloop' | 'not-ready' | 'oom-killed' | 'image-pull' | 'unschedulable';

export interface FleetSpec {
  seed: number;
  /** Base DNS domain the platform allows for routes and certificates. */
  domain: string;
  clusters: ClusterSpec[];
  components: ComponentSpec[];
}
