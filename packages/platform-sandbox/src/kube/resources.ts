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

/** How the API server validates the names of one kind (apimachinery `ValidateObjectMeta` name funcs). */
export type NameRule = 'dns1123Subdomain' | 'dns1123Label' | 'dns1035Label' | 'path';

export type Subresource = 'status' | 'scale' | 'log';

/** One kind served by the simulated API server. */
export interface ResourceType {
  /** API group; '' is the core group served under /api. */
  group: string;
  /** Served versions, preferred (and storage) version first. */
  versions: string[];
  plural: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  subresources: Subresource[];
  nameRule: NameRule;
  /** Read-only kinds (metrics) only answer get, list and watch. */
  readOnly?: boolean;
  /** Versions upstream stopped serving, by the minor release that removed them (e.g. `{ v1beta3: 32 }`). */
  removedIn?: Record<string, number>;
  /** Served only by clusters of this distribution (its suffix in the version, e.g. `rke2`). */
  distribution?: string;
}

type Def = [
  group: string,
  versions: string,
  kind: string,
  plural: string,
  namespaced: boolean,
  extra?: Partial<ResourceType>,
];

const ALL = { categories: ['all'] };
const STATUS: Partial<ResourceType> = { subresources: ['status'] };
const SCALABLE: Partial<ResourceType> = { subresources: ['status', 'scale'], ...ALL };
const LABEL: Partial<ResourceType> = { nameRule: 'dns1123Label' };
const RBAC: Partial<ResourceType> = { nameRule: 'path' };

const DEFINITIONS: Def[] = [
  ['', 'v1', 'Namespace', 'namespaces', false, { ...STATUS, ...LABEL, shortNames: ['ns'] }],
  ['', 'v1', 'Node', 'nodes', false, { ...STATUS, shortNames: ['no'] }],
  ['', 'v1', 'Pod', 'pods', true, { subresources: ['status', 'log'], ...ALL, shortNames: ['po'] }],
  ['', 'v1', 'Service', 'services', true, { ...STATUS, ...ALL, nameRule: 'dns1035Label', shortNames: ['svc'] }],
  ['', 'v1', 'Endpoints', 'endpoints', true, { shortNames: ['ep'] }],
  ['', 'v1', 'PersistentVolumeClaim', 'persistentvolumeclaims', true, { ...STATUS, shortNames: ['pvc'] }],
  ['', 'v1', 'PersistentVolume', 'persistentvolumes', false, { ...STATUS, shortNames: ['pv'] }],
  ['', 'v1', 'ResourceQuota', 'resourcequotas', true, { ...STATUS, shortNames: ['quota'] }],
  ['', 'v1', 'LimitRange', 'limitranges', true, { shortNames: ['limits'] }],
  ['', 'v1', 'Secret', 'secrets', true],
  ['', 'v1', 'ConfigMap', 'configmaps', true, { shortNames: ['cm'] }],
  ['', 'v1', 'Event', 'events', true, { shortNames: ['ev'] }],
  ['', 'v1', 'ServiceAccount', 'serviceaccounts', true, { shortNames: ['sa'] }],
  ['apps', 'v1', 'Deployment', 'deployments', true, { ...SCALABLE, shortNames: ['deploy'] }],
  ['apps', 'v1', 'DaemonSet', 'daemonsets', true, { ...STATUS, ...ALL, shortNames: ['ds'] }],
  ['apps', 'v1', 'StatefulSet', 'statefulsets', true, { ...SCALABLE, shortNames: ['sts'] }],
  ['apps', 'v1', 'ReplicaSet', 'replicasets', true, { ...SCALABLE, shortNames: ['rs'] }],
  ['batch', 'v1', 'Job', 'jobs', true, { ...STATUS, ...ALL }],
  ['batch', 'v1', 'CronJob', 'cronjobs', true, { ...STATUS, ...ALL, shortNames: ['cj'] }],
  ['policy', 'v1', 'PodDisruptionBudget', 'poddisruptionbudgets', true, { ...STATUS, shortNames: ['pdb'] }],
  // Served at v1beta3 until 1.32 (the Deprecated API Migration Guide).
  ['flowcontrol.apiserver.k8s.io', 'v1,v1beta3', 'FlowSchema', 'flowschemas', false, { ...STATUS, removedIn: { v1beta3: 32 } }],
  ['flowcontrol.apiserver.k8s.io', 'v1,v1beta3', 'PriorityLevelConfiguration', 'prioritylevelconfigurations', false, { ...STATUS, removedIn: { v1beta3: 32 } }],
  // system-upgrade-controller, which RKE2 upgrades through.
  ['upgrade.cattle.io', 'v1', 'Plan', 'plans', true, { ...STATUS, distribution: 'rke2' }],
  ['autoscaling', 'v2', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', true, { ...STATUS, ...ALL, shortNames: ['hpa'] }],
  ['networking.k8s.io', 'v1', 'Ingress', 'ingresses', true, { ...STATUS, shortNames: ['ing'] }],
  ['storage.k8s.io', 'v1', 'StorageClass', 'storageclasses', false, { shortNames: ['sc'] }],
  ['rbac.authorization.k8s.io', 'v1', 'Role', 'roles', true, RBAC],
  ['rbac.authorization.k8s.io', 'v1', 'RoleBinding', 'rolebindings', true, RBAC],
  ['rbac.authorization.k8s.io', 'v1', 'ClusterRole', 'clusterroles', false, RBAC],
  ['rbac.authorization.k8s.io', 'v1', 'ClusterRoleBinding', 'clusterrolebindings', false, RBAC],
  ['apiextensions.k8s.io', 'v1', 'CustomResourceDefinition', 'customresourcedefinitions', false, { ...STATUS, shortNames: ['crd', 'crds'] }],
  // Cluster API: both served versions, v1beta2 is the storage version.
  ['cluster.x-k8s.io', 'v1beta2,v1beta1', 'Cluster', 'clusters', true, { ...STATUS, shortNames: ['cl'], categories: ['cluster-api'] }],
  ['cluster.x-k8s.io', 'v1beta2,v1beta1', 'MachineDeployment', 'machinedeployments', true, { subresources: ['status', 'scale'], shortNames: ['md'], categories: ['cluster-api'] }],
  ['cluster.x-k8s.io', 'v1beta2,v1beta1', 'MachineSet', 'machinesets', true, { subresources: ['status', 'scale'], shortNames: ['ms'], categories: ['cluster-api'] }],
  ['cluster.x-k8s.io', 'v1beta2,v1beta1', 'Machine', 'machines', true, { ...STATUS, shortNames: ['ma'], categories: ['cluster-api'] }],
  ['cluster.x-k8s.io', 'v1beta2,v1beta1', 'MachineHealthCheck', 'machinehealthchecks', true, { ...STATUS, shortNames: ['mhc'], categories: ['cluster-api'] }],
  ['controlplane.cluster.x-k8s.io', 'v1beta2,v1beta1', 'KubeadmControlPlane', 'kubeadmcontrolplanes', true, { subresources: ['status', 'scale'], shortNames: ['kcp'], categories: ['cluster-api'] }],
  ['controlplane.cluster.x-k8s.io', 'v1beta2,v1beta1', 'RKE2ControlPlane', 'rke2controlplanes', true, { subresources: ['status', 'scale'], shortNames: ['rcp'], categories: ['cluster-api'] }],
  // Gateway API
  ['gateway.networking.k8s.io', 'v1', 'GatewayClass', 'gatewayclasses', false, { ...STATUS, shortNames: ['gc'] }],
  ['gateway.networking.k8s.io', 'v1', 'Gateway', 'gateways', true, { ...STATUS, shortNames: ['gtw'] }],
  ['gateway.networking.k8s.io', 'v1', 'HTTPRoute', 'httproutes', true, STATUS],
  ['gateway.networking.k8s.io', 'v1beta1', 'ReferenceGrant', 'referencegrants', true, { shortNames: ['refgrant'] }],
  // cert-manager
  ['cert-manager.io', 'v1', 'Certificate', 'certificates', true, { ...STATUS, shortNames: ['cert', 'certs'], categories: ['cert-manager'] }],
  ['cert-manager.io', 'v1', 'CertificateRequest', 'certificaterequests', true, { ...STATUS, shortNames: ['cr', 'crs'], categories: ['cert-manager'] }],
  ['cert-manager.io', 'v1', 'Issuer', 'issuers', true, { ...STATUS, categories: ['cert-manager'] }],
  ['cert-manager.io', 'v1', 'ClusterIssuer', 'clusterissuers', false, { ...STATUS, categories: ['cert-manager'] }],
  // Longhorn
  ['longhorn.io', 'v1beta2', 'Volume', 'volumes', true, { ...STATUS, shortNames: ['lhv'], categories: ['longhorn'] }],
  ['longhorn.io', 'v1beta2', 'Node', 'nodes', true, { ...STATUS, shortNames: ['lhn'], categories: ['longhorn'] }],
  ['longhorn.io', 'v1beta2', 'Replica', 'replicas', true, { ...STATUS, shortNames: ['lhr'], categories: ['longhorn'] }],
  ['longhorn.io', 'v1beta2', 'BackupTarget', 'backuptargets', true, { ...STATUS, shortNames: ['lhbt'], categories: ['longhorn'] }],
  ['longhorn.io', 'v1beta2', 'RecurringJob', 'recurringjobs', true, { ...STATUS, shortNames: ['lhrj'], categories: ['longhorn'] }],
  ['longhorn.io', 'v1beta2', 'Setting', 'settings', true, { ...STATUS, shortNames: ['lhs'], categories: ['longhorn'] }],
  // RKE2's etcd snapshot records (k3s.cattle.io/v1, cluster-scoped), which replaced the rke2-etcd-snapshots ConfigMap.
  ['k3s.cattle.io', 'v1', 'ETCDSnapshotFile', 'etcdsnapshotfiles', false, STATUS],
  // MetalLB
  ['metallb.io', 'v1beta1', 'IPAddressPool', 'ipaddresspools', true, STATUS],
  ['metallb.io', 'v1beta1', 'L2Advertisement', 'l2advertisements', true, STATUS],
  ['metallb.io', 'v1beta2', 'BGPPeer', 'bgppeers', true, STATUS],
  // Cilium
  ['cilium.io', 'v2', 'CiliumNetworkPolicy', 'ciliumnetworkpolicies', true, { ...STATUS, shortNames: ['cnp', 'ciliumnp'], categories: ['cilium'] }],
  ['cilium.io', 'v2', 'CiliumNode', 'ciliumnodes', false, { shortNames: ['cn', 'ciliumn'], categories: ['cilium'] }],
  // Argo CD
  ['argoproj.io', 'v1alpha1', 'Application', 'applications', true, { shortNames: ['app', 'apps'] }],
  ['argoproj.io', 'v1alpha1', 'ApplicationSet', 'applicationsets', true, { ...STATUS, shortNames: ['appset', 'appsets'] }],
  // metrics-server: computed from nodes and pods, never written.
  ['metrics.k8s.io', 'v1beta1', 'NodeMetrics', 'nodes', false, { readOnly: true }],
  ['metrics.k8s.io', 'v1beta1', 'PodMetrics', 'pods', true, { readOnly: true }],
  ['authorization.k8s.io', 'v1', 'SelfSubjectAccessReview', 'selfsubjectaccessreviews', false],
];

export const RESOURCE_TYPES: readonly ResourceType[] = DEFINITIONS.map(
  ([group, versions, kind, plural, namespaced, extra]) => ({
    group,
    versions: versions.split(','),
    kind,
    plural,
    singular: kind.toLowerCase(),
    namespaced,
    subresources: [],
    nameRule: 'dns1123Subdomain',
    ...extra,
  }),
);

/** The kinds a cluster of this version serves: versions removed at or before its minor are left out. */
export function resourceTypesServedBy(gitVersion: string, types: readonly ResourceType[] = RESOURCE_TYPES): ResourceType[] {
  const minor = Number(gitVersion.replace(/^v/, '').split('.')[1]);
  const served = types.filter(type => !type.distribution || gitVersion.includes(`+${type.distribution}`));
  return served.map(type => ({
    ...type,
    versions: type.versions.filter(version => !(type.removedIn?.[version] !== undefined && minor >= type.removedIn[version])),
  }));
}

/** Group-qualified plural, the key a kind is stored under (`deployments.apps`, `pods`). */
export function groupResource(type: Pick<ResourceType, 'group' | 'plural'>): string {
  return type.group ? `${type.plural}.${type.group}` : type.plural;
}

export function apiVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

/** Kinds served only through special handlers, never stored. */
export function isVirtual(type: ResourceType): boolean {
  return type.readOnly === true || type.kind === 'SelfSubjectAccessReview';
}

export class ResourceRegistry {
  private readonly byPath = new Map<string, ResourceType>();
  private readonly byKind = new Map<string, ResourceType>();

  constructor(readonly types: readonly ResourceType[] = RESOURCE_TYPES) {
    for (const type of types) {
      for (const version of type.versions) {
        this.byPath.set(`${type.group}/${version}/${type.plural}`, type);
        this.byKind.set(`${apiVersionOf(type.group, version)}/${type.kind}`, type);
      }
    }
  }

  find(group: string, version: string, plural: string): ResourceType | undefined {
    return this.byPath.get(`${group}/${version}/${plural}`);
  }

  forObject(apiVersion: string, kind: string): ResourceType | undefined {
    return this.byKind.get(`${apiVersion}/${kind}`);
  }

  /** Group versions served, in the order discovery lists them. */
  groupVersions(): Array<{ group: string; versions: string[] }> {
    const groups = new Map<string, string[]>();
    for (const type of this.types) {
      const versions = groups.get(type.group) ?? [];
      for (const v of type.versions) if (!versions.includes(v)) versions.push(v);
      groups.set(type.group, versions);
    }
    return [...groups].map(([group, versions]) => ({ group, versions }));
  }

  inGroupVersion(group: string, version: string): ResourceType[] {
    return this.types.filter(t => t.group === group && t.versions.includes(version));
  }
}
