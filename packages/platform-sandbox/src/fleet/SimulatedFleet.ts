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

import { UserInfo } from '../kube/authz';
import { ControlState } from '../control/ControlState';
import { SimClock } from '../control/SimClock';
import { ClusterSpec, Environment, FleetSpec } from '../scenario/types';
import { SandboxCredentials } from '../upstreams/types';
import { machineViews } from './capiController';
import { ClusterFaults } from './clusterFaults';
import { ClusterRuntime } from './ClusterRuntime';
import { ADMIN_USER, READER_NAME, READER_NAMESPACE, serviceAccountUser, teamServiceAccount } from './rbac';
import { teamsOf } from './clusterContext';
import { CAPI, CAPI_CP, capiObjects, controlPlaneName, machineDeploymentName } from './capiObjects';
import { upsert } from './objectWrites';
import { KubeObject, timestamp } from '../kube/objects';
import { ObjectStore } from '../kube/store';
import { clusterCredentials } from '../server/credentials';
import { CONTROL_PLANE, WORKER } from '../scenario/defaultFleet';

const ENVIRONMENTS: Environment[] = ['production', 'staging', 'development', 'management'];

/** How long before "now" the fleet was installed, so certificates and nodes have history. */
const INSTALLED_DAYS_AGO = 40;

export interface ClusterEndpoint {
  /** Full API server URL, e.g. http://127.0.0.1:7100/k8s/prod-eu-1 */
  url: string;
  /** host:port */
  serverAddress: string;
  /** Path prefix, e.g. /k8s/prod-eu-1 */
  prefix: string;
}

export interface SimulatedFleetOptions {
  fleet: FleetSpec;
  control: ControlState;
  clock: SimClock;
  credentials: SandboxCredentials;
  endpointFor: (cluster: string) => ClusterEndpoint;
  /** Writes a kubeconfig for one cluster (the `<cluster>-kubeconfig` Secret's content). */
  kubeconfigFor: (cluster: string) => string;
  bookmarkIntervalMs?: number;
  /** Upstream's OpenAPI v3 documents for the built-in groups (StartSandboxOptions). */
  openApiSpecDir?: string;
  /** A cluster the Cluster API declared while the sandbox runs now has an API server. */
  onClusterDeclared?: (spec: ClusterSpec) => void;
}

/**
 * Every cluster of a fleet. Clusters are built on first use, so a fleet of
 * 1,000 costs memory only for the clusters somebody looks at; controllers
 * and faults run on built clusters only.
 */
export class SimulatedFleet {
  private readonly runtimes = new Map<string, ClusterRuntime>();
  private readonly specs = new Map<string, ClusterSpec>();
  private readonly indexes = new Map<string, number>();
  private readonly installedAt: string;
  private readonly unsubscribe: Array<() => void> = [];
  /** The workload clusters each management cluster declares; grows as new Cluster objects appear. */
  private readonly managed = new Map<string, ClusterSpec[]>();

  constructor(private readonly options: SimulatedFleetOptions) {
    options.fleet.clusters.forEach((c, i) => {
      this.specs.set(c.name, c);
      this.indexes.set(c.name, i);
    });
    const installed = new Date(options.clock.now().getTime() - INSTALLED_DAYS_AGO * 24 * 3600_000);
    this.installedAt = `${installed.toISOString().slice(0, 19)}Z`;
    this.unsubscribe.push(options.clock.onTick(() => this.tick()));
    this.unsubscribe.push(options.control.onFaultsChanged(cluster => this.faultsChanged(cluster)));
  }

  names(): string[] {
    return [...this.specs.keys()];
  }

  spec(name: string): ClusterSpec | undefined {
    return this.specs.get(name);
  }

  builtCount(): number {
    return this.runtimes.size;
  }

  /** The cluster's runtime if something asked for it already; never builds one. */
  built(name: string): ClusterRuntime | undefined {
    return this.runtimes.get(name);
  }

  /** The cluster's runtime, built on first use; undefined for unknown names. */
  cluster(name: string): ClusterRuntime | undefined {
    const existing = this.runtimes.get(name);
    if (existing) return existing;
    const spec = this.specs.get(name);
    if (!spec) return undefined;
    const management = spec.managementCluster ? this.cluster(spec.managementCluster) : undefined;
    const endpoint = this.options.endpointFor(name);
    const managed = [...this.specs.values()].filter(c => c.managementCluster === name && c.provisioner === 'cluster-api');
    this.managed.set(name, managed);
    const runtime = new ClusterRuntime({
      ctx: { spec, index: this.indexes.get(name) ?? 0, fleet: this.options.fleet, installedAt: this.installedAt },
      control: this.options.control,
      clock: this.options.clock,
      tokens: this.tokensFor(name),
      serverAddress: endpoint.serverAddress,
      prefix: endpoint.prefix,
      bookmarkIntervalMs: this.options.bookmarkIntervalMs,
      openApiSpecDir: this.options.openApiSpecDir,
      machines: management && spec.provisioner === 'cluster-api' ? () => machineViews(management.store, spec, this.options.clock.now()) : undefined,
      managedClusters: managed,
      kubeconfigFor: this.options.kubeconfigFor,
      clusterIndex: cluster => this.indexes.get(cluster) ?? 0,
      faultsOf: cluster => new ClusterFaults(this.options.control.faults(cluster)),
      onClusterDeclared: object => {
        const store = this.runtimes.get(name)?.store;
        if (store) this.declareFromClusterApi(name, store, object);
      },
    });
    this.runtimes.set(name, runtime);
    return runtime;
  }

  /**
   * A Cluster object with its KubeadmControlPlane and MachineDeployment, as
   * the platform's provisioning template writes them, becomes a workload
   * cluster: its machines come from the management cluster, its API server
   * answers at once and its layers install over simulated time.
   */
  private declareFromClusterApi(management: string, store: ObjectStore, cluster: KubeObject): void {
    const { name, namespace = 'default', labels = {}, creationTimestamp } = cluster.metadata;
    if (this.specs.has(name)) return;
    const spec = cluster.spec as { controlPlaneRef?: { name?: string } };
    const kcp = store.get(`kubeadmcontrolplanes.${CAPI_CP}`, namespace, spec.controlPlaneRef?.name ?? controlPlaneName(name));
    const md = store.get(`machinedeployments.${CAPI}`, namespace, machineDeploymentName(name));
    // The template writes the Cluster first: wait for the rest of it.
    if (!kcp || !md) return;
    const kcpSpec = kcp.spec as { replicas?: number; version?: string };
    const mdSpec = md.spec as { replicas?: number };
    const environment = ENVIRONMENTS.find(e => e === labels.environment) ?? 'development';
    const declared: ClusterSpec = {
      name,
      provisioner: 'cluster-api',
      environment,
      region: labels.region ?? 'unknown',
      kubernetesVersion: kcpSpec.version ?? 'v1.33.4',
      controlPlaneReplicas: kcpSpec.replicas ?? 1,
      workerReplicas: mdSpec.replicas ?? 0,
      managementCluster: management,
      capiNamespace: namespace,
      controlPlaneNode: CONTROL_PLANE,
      workerNode: WORKER,
      faults: [],
      declaredAt: creationTimestamp ?? timestamp(this.options.clock.now()),
    };
    this.declare(declared);
    // The control-plane provider writes the cluster's kubeconfig and CA next to its Cluster.
    for (const { resource, object } of capiObjects(declared, declared.declaredAt!, this.options.kubeconfigFor(name))) {
      if (resource === 'secrets') upsert(store, resource, object);
    }
  }

  private declare(spec: ClusterSpec): void {
    this.options.fleet.clusters.push(spec);
    this.specs.set(spec.name, spec);
    this.indexes.set(spec.name, this.options.fleet.clusters.length - 1);
    this.options.credentials.kubernetes[spec.name] = clusterCredentials(this.options.fleet);
    this.managed.get(spec.managementCluster!)?.push(spec);
    this.options.onClusterDeclared?.(spec);
  }

  /** Runs the controllers of every built cluster; the management clusters first. */
  tick(): void {
    const ordered = [...this.runtimes.values()].sort((a, b) => Number(!!a.spec.managementCluster) - Number(!!b.spec.managementCluster));
    for (const runtime of ordered) runtime.reconcile();
  }

  close(): void {
    for (const stop of this.unsubscribe) stop();
  }

  private faultsChanged(cluster: string): void {
    const spec = this.specs.get(cluster);
    if (!spec) return;
    // Machine conditions in the management cluster reflect the workload cluster's faults.
    if (spec.managementCluster) this.runtimes.get(spec.managementCluster)?.reconcile(true);
    this.runtimes.get(cluster)?.reconcile(true);
  }

  private tokensFor(cluster: string): Map<string, UserInfo> {
    const creds = this.options.credentials.kubernetes[cluster];
    const tokens = new Map<string, UserInfo>();
    if (!creds) return tokens;
    tokens.set(creds.admin, { username: ADMIN_USER, groups: ['system:masters', 'system:authenticated'] });
    tokens.set(creds.reader, serviceAccountUser(READER_NAMESPACE, READER_NAME));
    for (const team of teamsOf(this.options.fleet)) {
      const token = creds.teams[team.team];
      const sa = teamServiceAccount(team);
      if (token) tokens.set(token, serviceAccountUser(sa.namespace, sa.name));
    }
    return tokens;
  }
}
