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

import { ClusterSpec, ComponentSpec, FleetSpec, NodeSize } from './types';

/** Production node sizes of the guide's table, also what the platform's Cluster API template provisions. */
export const CONTROL_PLANE: NodeSize = { cpu: 8, memoryGiB: 32, diskGiB: 200 };
export const WORKER: NodeSize = { cpu: 32, memoryGiB: 128, diskGiB: 500 };
const SMALL_WORKER: NodeSize = { cpu: 4, memoryGiB: 8, diskGiB: 100 };

/**
 * The demo fleet: a Cluster API management cluster, three workload clusters it
 * declares, one kubeadm and one RKE2 cluster. Faults are spread over many
 * layers; prod-eu-1 is entirely healthy.
 */
export const DEFAULT_CLUSTERS: ClusterSpec[] = [
  {
    name: 'mgmt',
    provisioner: 'kubeadm',
    environment: 'management',
    region: 'eu-central',
    kubernetesVersion: 'v1.33.4',
    controlPlaneReplicas: 3,
    workerReplicas: 3,
    controlPlaneNode: CONTROL_PLANE,
    workerNode: SMALL_WORKER,
    faults: [],
  },
  {
    name: 'prod-eu-1',
    provisioner: 'cluster-api',
    environment: 'production',
    region: 'eu-central',
    kubernetesVersion: 'v1.33.4',
    controlPlaneReplicas: 3,
    workerReplicas: 5,
    managementCluster: 'mgmt',
    capiNamespace: 'clusters',
    controlPlaneNode: CONTROL_PLANE,
    workerNode: WORKER,
    faults: [],
  },
  {
    name: 'prod-eu-2',
    provisioner: 'cluster-api',
    environment: 'production',
    region: 'eu-west',
    kubernetesVersion: 'v1.33.4',
    controlPlaneReplicas: 3,
    workerReplicas: 4,
    managementCluster: 'mgmt',
    capiNamespace: 'clusters',
    controlPlaneNode: CONTROL_PLANE,
    workerNode: WORKER,
    faults: [
      { id: 'longhorn-volume-degraded', target: 'pvc-orders-db' },
      { id: 'certificate-renewal-stuck', target: 'payments-api-tls' },
      { id: 'argocd-app-out-of-sync', target: 'orders-service' },
      { id: 'longhorn-volume-no-backup', target: 'pvc-payments-db' },
    ],
  },
  {
    name: 'staging-1',
    provisioner: 'cluster-api',
    environment: 'staging',
    region: 'eu-central',
    kubernetesVersion: 'v1.32.8',
    controlPlaneReplicas: 1,
    workerReplicas: 2,
    managementCluster: 'mgmt',
    capiNamespace: 'clusters',
    controlPlaneNode: { cpu: 4, memoryGiB: 16, diskGiB: 200 },
    workerNode: SMALL_WORKER,
    faults: [
      { id: 'metallb-pool-exhausted' },
      { id: 'node-not-ready', target: 'staging-1-md-0-2' },
      { id: 'httproute-backend-missing', target: 'storefront-web' },
    ],
    upgrade: {
      // No payments-api pod may go: every drain of a node running one waits for ever.
      disruptionBudgets: [{ namespace: 'payments', name: 'payments-api', component: 'payments-api', maxUnavailable: 0 }],
    },
  },
  {
    name: 'onprem-kubeadm-1',
    provisioner: 'kubeadm',
    environment: 'production',
    region: 'dc-1',
    kubernetesVersion: 'v1.31.12',
    controlPlaneReplicas: 3,
    workerReplicas: 3,
    controlPlaneNode: CONTROL_PLANE,
    workerNode: WORKER,
    faults: [
      { id: 'cilium-agent-crashloop' },
      { id: 'haproxy-backend-down' },
      { id: 'scrape-target-down', target: 'node-exporter' },
      { id: 'etcd-snapshot-failing' },
    ],
    upgrade: {
      // Applied with kubectl before 1.29 and never migrated: 1.32 stops serving v1beta3.
      legacyApiObjects: [
        { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', kind: 'PriorityLevelConfiguration', name: 'platform-batch', manager: 'kubectl-client-side-apply' },
        { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', kind: 'FlowSchema', name: 'platform-batch-jobs', manager: 'kubectl-client-side-apply' },
      ],
      // Lets one storefront pod go at a time: drains wait, they are not blocked.
      disruptionBudgets: [{ namespace: 'storefront', name: 'storefront-web', component: 'storefront-web', maxUnavailable: 1 }],
    },
  },
  {
    name: 'edge-rke2-1',
    provisioner: 'rke2',
    environment: 'development',
    region: 'dc-2',
    kubernetesVersion: 'v1.33.4',
    controlPlaneReplicas: 1,
    workerReplicas: 2,
    controlPlaneNode: { cpu: 2, memoryGiB: 4, diskGiB: 100 },
    workerNode: SMALL_WORKER,
    faults: [
      { id: 'keepalived-split-brain' },
      { id: 'gitlab-runner-offline' },
      { id: 'argocd-app-degraded', target: 'storefront-web' },
    ],
    upgrade: {
      // cert-manager 1.18 supports Kubernetes up to 1.33: this cluster cannot go to 1.34 before it moves on.
      addonImages: {
        'cert-manager': 'quay.io/jetstack/cert-manager-controller:v1.18.2',
        'cert-manager-cainjector': 'quay.io/jetstack/cert-manager-cainjector:v1.18.2',
        'cert-manager-webhook': 'quay.io/jetstack/cert-manager-webhook:v1.18.2',
      },
    },
  },
];

export const DEFAULT_COMPONENTS: ComponentSpec[] = [
  {
    name: 'payments-api',
    team: 'team-payments',
    namespace: 'payments',
    image: 'team-payments/payments-api',
    chart: 'payments-api',
    versions: ['1.4.0', '1.4.1', '1.5.0'],
    deployments: { 'prod-eu-1': '1.5.0', 'prod-eu-2': '1.4.1', 'staging-1': '1.5.0' },
    gitlabProject: 'team-payments/payments-api',
    replicas: 3,
    // What an app team comes to the portal with: one pod of each kind of trouble.
    podProblems: { 'staging-1': ['crashloop', 'oom-killed', 'image-pull'], 'prod-eu-2': ['unschedulable'] },
    hostname: 'payments.apps.example.internal',
  },
  {
    name: 'orders-service',
    team: 'team-payments',
    namespace: 'payments',
    image: 'team-payments/orders-service',
    chart: 'orders-service',
    versions: ['2.0.0', '2.1.0'],
    deployments: { 'prod-eu-1': '2.1.0', 'prod-eu-2': '2.0.0', 'staging-1': '2.1.0' },
    gitlabProject: 'team-payments/orders-service',
    replicas: 2,
  },
  {
    name: 'storefront-web',
    team: 'team-storefront',
    namespace: 'storefront',
    image: 'team-storefront/storefront-web',
    chart: 'storefront-web',
    versions: ['3.8.0', '3.9.0', '3.9.1'],
    deployments: {
      'prod-eu-1': '3.9.1',
      'onprem-kubeadm-1': '3.9.0',
      'staging-1': '3.9.1',
      'edge-rke2-1': '3.9.1',
    },
    gitlabProject: 'team-storefront/storefront-web',
    replicas: 3,
    hostname: 'shop.apps.example.internal',
  },
];

export function defaultFleet(): FleetSpec {
  return {
    seed: 1,
    domain: 'apps.example.internal',
    clusters: structuredClone(DEFAULT_CLUSTERS),
    components: structuredClone(DEFAULT_COMPONENTS),
  };
}
