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
 * The Kubernetes kinds the built-in checks read, by apiVersion and kind.
 * Custom resources are served at the versions the platform guide installs.
 */
export const KINDS = {
  node: ['v1', 'Node'],
  pod: ['v1', 'Pod'],
  service: ['v1', 'Service'],
  event: ['v1', 'Event'],
  namespace: ['v1', 'Namespace'],
  pvc: ['v1', 'PersistentVolumeClaim'],
  deployment: ['apps/v1', 'Deployment'],
  daemonSet: ['apps/v1', 'DaemonSet'],
  statefulSet: ['apps/v1', 'StatefulSet'],
  storageClass: ['storage.k8s.io/v1', 'StorageClass'],
  clusterRoleBinding: ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding'],
  ciliumNetworkPolicy: ['cilium.io/v2', 'CiliumNetworkPolicy'],
  ipAddressPool: ['metallb.io/v1beta1', 'IPAddressPool'],
  gatewayClass: ['gateway.networking.k8s.io/v1', 'GatewayClass'],
  gateway: ['gateway.networking.k8s.io/v1', 'Gateway'],
  httpRoute: ['gateway.networking.k8s.io/v1', 'HTTPRoute'],
  longhornVolume: ['longhorn.io/v1beta2', 'Volume'],
  certificate: ['cert-manager.io/v1', 'Certificate'],
  clusterIssuer: ['cert-manager.io/v1', 'ClusterIssuer'],
  application: ['argoproj.io/v1alpha1', 'Application'],
  capiCluster: ['cluster.x-k8s.io/v1beta2', 'Cluster'],
  machineDeployment: ['cluster.x-k8s.io/v1beta2', 'MachineDeployment'],
  kubeadmControlPlane: [
    'controlplane.cluster.x-k8s.io/v1beta2',
    'KubeadmControlPlane',
  ],
  rke2ControlPlane: [
    'controlplane.cluster.x-k8s.io/v1beta1',
    'RKE2ControlPlane',
  ],
} as const satisfies Record<string, readonly [string, string]>;
