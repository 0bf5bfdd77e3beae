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
 * Catalog annotations the platform plugins read. Where a community plugin
 * already defines an annotation for the same thing, we use theirs so that
 * entities work with both.
 *
 * @public
 */
export const ANNOTATIONS = {
  /** Official Kubernetes plugin: the id pods and deployments are labelled with. */
  kubernetesId: 'backstage.io/kubernetes-id',
  /** Namespace of the component's workloads. */
  kubernetesNamespace: 'backstage.io/kubernetes-namespace',
  /** ArgoCD application selector, as the community ArgoCD plugin reads it. */
  argocdAppSelector: 'argocd/app-selector',
  /** GitLab project path, as the community GitLab plugin reads it. */
  gitlabProjectSlug: 'gitlab.com/project-slug',
  /** Docker image path in Nexus. */
  nexusDockerImage: 'platform-portal.io/nexus-docker-image',
  /** Helm chart name in Nexus. */
  nexusHelmChart: 'platform-portal.io/nexus-helm-chart',
  /** Grafana dashboard tag selector, as the community Grafana plugin reads it. */
  grafanaDashboardSelector: 'grafana/dashboard-selector',
  /** Grafana alert label selector, as the community Grafana plugin reads it. */
  grafanaAlertLabelSelector: 'grafana/alert-label-selector',
  /** Service name in traces (Tempo) when it differs from the entity name. */
  tracingServiceName: 'platform-portal.io/tracing-service-name',
  /** On kubernetes-cluster resources: how the cluster was made. */
  clusterProvisioner: 'platform-portal.io/cluster-provisioner',
  /** On kubernetes-cluster resources: the Kubernetes version (lowest running). */
  clusterKubernetesVersion: 'platform-portal.io/kubernetes-version',
  /** On kubernetes-cluster resources: number of control-plane nodes. */
  clusterControlPlaneCount: 'platform-portal.io/control-plane-count',
  /** On kubernetes-cluster resources: number of worker nodes. */
  clusterWorkerCount: 'platform-portal.io/worker-count',
  /** On Cluster API clusters: the Cluster's phase, e.g. Provisioned. */
  clusterPhase: 'platform-portal.io/cluster-phase',
  /** On Cluster API workload clusters: the management cluster declaring it. */
  clusterManagementCluster: 'platform-portal.io/management-cluster',
  /** On platform-layer resources: the runbook ids (comma-separated) that apply. */
  layerRunbooks: 'platform-portal.io/runbooks',
  /** On platform-layer resources: the layer id. */
  layerId: 'platform-portal.io/layer-id',
} as const;
