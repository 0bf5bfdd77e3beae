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
import { KubeObject } from '../kube/objects';
import { KubeApiServer } from '../kube/KubeApiServer';
import { groupResource, isVirtual, ResourceRegistry, RESOURCE_TYPES, resourceTypesServedBy } from '../kube/resources';
import { ObjectStore } from '../kube/store';
import { ControlState } from '../control/ControlState';
import { SimClock } from '../control/SimClock';
import { ClusterSpec } from '../scenario/types';
import { reconcileApplicationSets } from './applicationSetController';
import { reconcileApplications } from './argoController';
import { reconcileBackups } from './backupController';
import { CapiMachineView, reconcileCapi } from './capiController';
import { CAPI, capiObjects } from './capiObjects';
import { reconcileCertificates } from './certificateController';
import { reconcileCiliumNodes } from './ciliumNodeController';
import { reconcileDisruptionBudgets } from './disruptionController';
import { ClusterContext, componentsOn, distributionVersion, teamsOf } from './clusterContext';
import { ClusterFaults } from './clusterFaults';
import { reconcileEndpoints } from './endpointsController';
import { reconcileEvents } from './eventsController';
import { collectGarbage } from './garbageCollector';
import { reconcileGateways } from './gatewayController';
import { reconcileIdentityFaults } from './identityFaults';
import { reconcileLoadBalancers } from './loadBalancerController';
import { namespaceObject, reconcileNamespaces } from './namespaces';
import { DesiredNode, nodesFromMachines, reconcileNodes, staticNodes } from './nodeController';
import { upsert } from './objectWrites';
import { PLATFORM_NAMESPACES, PLATFORM_WORKLOADS } from './platformCatalog';
import { buildPlatformObjects } from './platformObjects';
import { dueStages, installStage, platformWorkloadObject } from './buildOutStages';
import { applyPodFaults, desiredPodFaults } from './podFaults';
import { reconcileQuotas } from './quotaController';
import { buildRbac, READER_NAMESPACE } from './rbac';
import { reconcileStorage } from './storageController';
import { buildTeamComponents, buildTeamNamespaces } from './teamObjects';
import { TIMINGS } from './timings';
import { buildUpgradeObjects, withScenarioImage } from './upgradeObjects';
import { reconcileWorkloads } from './workloadController';
import { workloadObject } from './workloadManifests';

const ALL_RESOURCES = RESOURCE_TYPES.filter(t => !isVirtual(t)).map(groupResource);

/** Cluster API providers running in a management cluster. */
const CAPI_PROVIDERS = [
  ['capi-system', 'capi-controller-manager', 'registry.k8s.io/cluster-api/cluster-api-controller:v1.11.1'],
  ['capi-kubeadm-bootstrap-system', 'capi-kubeadm-bootstrap-controller-manager', 'registry.k8s.io/cluster-api/kubeadm-bootstrap-controller:v1.11.1'],
  ['capi-kubeadm-control-plane-system', 'capi-kubeadm-control-plane-controller-manager', 'registry.k8s.io/cluster-api/kubeadm-control-plane-controller:v1.11.1'],
  ['capv-system', 'capv-controller-manager', 'registry.k8s.io/cluster-api-vsphere/cluster-api-vsphere-controller:v1.14.0'],
];

export interface ClusterRuntimeOptions {
  ctx: ClusterContext;
  control: ControlState;
  clock: SimClock;
  tokens: ReadonlyMap<string, UserInfo>;
  serverAddress: string;
  prefix: string;
  bookmarkIntervalMs?: number;
  openApiSpecDir?: string;
  /** For Cluster API workload clusters: the machines the management cluster has for it. */
  machines?: () => CapiMachineView[];
  /** For management clusters: the workload clusters declared here. */
  managedClusters?: ClusterSpec[];
  kubeconfigFor?: (cluster: string) => string;
  clusterIndex?: (cluster: string) => number;
  faultsOf: (cluster: string) => ClusterFaults;
  /** For management clusters: a Cluster object appeared that no workload cluster answers for yet. */
  onClusterDeclared?: (cluster: KubeObject) => void;
}

/** One simulated cluster: its object store, its API server and its controllers. */
export class ClusterRuntime {
  readonly store: ObjectStore;
  readonly api: KubeApiServer;
  private lastRevision = -1;
  private lastFaults = '';
  private lastReconcileAt = 0;
  /** Build-out stages installed so far, on a cluster declared while the sandbox runs. */
  private installedStages = 0;

  constructor(private readonly options: ClusterRuntimeOptions) {
    const { clock } = options;
    this.store = new ObjectStore({ now: () => clock.now(), retentionMs: TIMINGS.historyRetentionMs });
    this.api = new KubeApiServer({
      cluster: options.ctx.spec.name,
      gitVersion: distributionVersion(options.ctx.spec),
      registry: new ResourceRegistry(resourceTypesServedBy(distributionVersion(options.ctx.spec))),
      store: this.store,
      control: options.control,
      clock,
      tokens: options.tokens,
      serverAddress: options.serverAddress,
      prefix: options.prefix,
      bookmarkIntervalMs: options.bookmarkIntervalMs,
      openApiSpecDir: options.openApiSpecDir,
    });
    this.build();
    this.reconcile(true);
  }

  get spec(): ClusterSpec {
    return this.options.ctx.spec;
  }

  private build(): void {
    const { ctx } = this.options;
    const store = this.store;
    const at = ctx.installedAt;
    // A cluster the Cluster API declared while the sandbox runs starts bare; its layers come in stages.
    const staged = ctx.spec.declaredAt !== undefined;
    const system = ['default', 'kube-system', 'kube-public', 'kube-node-lease', READER_NAMESPACE, ...(staged ? [] : PLATFORM_NAMESPACES)];
    const management = (this.options.managedClusters ?? []).length > 0 || ctx.spec.environment === 'management';
    const capiNamespaces = management ? [...CAPI_PROVIDERS.map(p => p[0]), ...new Set((this.options.managedClusters ?? []).map(c => c.capiNamespace ?? 'default'))] : [];
    for (const name of [...system, ...capiNamespaces]) upsert(store, 'namespaces', namespaceObject(name, {}, at));
    buildTeamNamespaces(store, ctx);
    buildRbac(store, teamsOf(ctx.fleet));
    if (!staged) {
      for (const w of PLATFORM_WORKLOADS) upsert(store, `${w.kind.toLowerCase()}s.apps`, platformWorkloadObject(withScenarioImage(w, ctx.spec), at));
    }
    if (management) {
      for (const [namespace, name, image] of CAPI_PROVIDERS) {
        upsert(store, 'deployments.apps', workloadObject({ namespace, name, kind: 'Deployment', replicas: 1, image, port: 9443, labels: { 'cluster.x-k8s.io/provider': name.replace('-controller-manager', '') }, createdAt: at }));
      }
    }
    if (!staged) buildPlatformObjects(store, ctx);
    buildTeamComponents(store, ctx);
    buildUpgradeObjects(store, ctx.spec, at);
    for (const managed of this.options.managedClusters ?? []) {
      for (const { resource, object } of capiObjects(managed, at, this.options.kubeconfigFor?.(managed.name) ?? '')) upsert(store, resource, object);
    }
  }

  private desiredNodes(): DesiredNode[] {
    return this.options.machines ? nodesFromMachines(this.options.machines()) : staticNodes(this.options.ctx);
  }

  /**
   * Runs every controller once. Skipped when nothing changed: no write, no
   * fault or machine change, and the periodic pass is not yet due.
   */
  reconcile(force = false): void {
    const now = this.options.clock.now();
    this.store.compact();
    const faults = this.options.faultsOf(this.spec.name);
    // Machines live in the management cluster: their changes count as ours.
    const declaredAt = this.spec.declaredAt;
    const due = declaredAt ? dueStages(declaredAt, now) : 0;
    const key = faults.key() + JSON.stringify(this.options.machines?.() ?? []) + due;
    // Management clusters move machines through phases as time passes; other
    // clusters only need a periodic pass for slow things like renewals.
    const period = this.options.managedClusters?.length ? 10_000 : 60_000;
    const quiet = this.store.resourceVersion === this.lastRevision && key === this.lastFaults && now.getTime() - this.lastReconcileAt < period;
    if (quiet && !force) return;
    const ctx = this.options.ctx;
    const versionOf = (node: KubeObject) => (node.status as { nodeInfo?: { kubeletVersion?: string } })?.nodeInfo?.kubeletVersion ?? ctx.spec.kubernetesVersion;
    const store = this.store;
    if (this.options.onClusterDeclared && this.options.managedClusters) {
      const known = new Set(this.options.managedClusters.map(c => c.name));
      for (const cluster of store.list(`clusters.${CAPI}`)) {
        if (!known.has(cluster.metadata.name)) this.options.onClusterDeclared(cluster);
      }
    }
    while (this.installedStages < due) installStage(store, ctx, this.installedStages++, now);
    if (this.options.managedClusters?.length) {
      reconcileCapi(store, this.options.managedClusters, this.options.faultsOf, this.options.clusterIndex ?? (() => 0), now);
    }
    reconcileNodes(store, ctx, this.desiredNodes(), faults, now);
    reconcileNamespaces(store, ALL_RESOURCES);
    reconcileIdentityFaults(store, faults);
    collectGarbage(store);
    // Pods made while the cluster is first built date from its installation.
    const createdAt = this.lastRevision < 0 ? ctx.installedAt : undefined;
    reconcileWorkloads(store, now, versionOf, createdAt);
    const components = componentsOn(ctx.fleet, ctx.spec.name);
    const podProblems = Object.fromEntries(components.map(c => [c.name, c.podProblems?.[ctx.spec.name] ?? []]));
    applyPodFaults(store, desiredPodFaults(store, faults, components.map(c => c.name), podProblems));
    reconcileWorkloads(store, now, versionOf, createdAt);
    reconcileLoadBalancers(store, faults, ctx.fleet, ctx.spec.name, now);
    reconcileEndpoints(store);
    reconcileDisruptionBudgets(store, now);
    reconcileCertificates(store, faults, now);
    reconcileGateways(store, faults, now);
    reconcileStorage(store, faults, now);
    reconcileBackups(store, ctx.spec, faults, now);
    reconcileApplications(store, faults, now);
    reconcileApplicationSets(store, ctx.spec.name);
    reconcileCiliumNodes(store);
    reconcileEvents(store, now);
    reconcileQuotas(store);
    this.lastRevision = store.resourceVersion;
    this.lastFaults = key;
    this.lastReconcileAt = now.getTime();
  }
}
