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
  /** Official Kubernetes plugin: a label selector for the component's workloads, instead of the id. */
  kubernetesLabelSelector: 'backstage.io/kubernetes-label-selector',
  /** Official Kubernetes plugin: namespace of the component's workloads. */
  kubernetesNamespace: 'backstage.io/kubernetes-namespace',
  /** Community ArgoCD plugin: one application by name. */
  argocdAppName: 'argocd/app-name',
  /** Community ArgoCD plugin: applications by label selector. */
  argocdAppSelector: 'argocd/app-selector',
  /** Community GitLab plugin: the project's full path. */
  gitlabProjectSlug: 'gitlab.com/project-slug',
  /** Community Nexus Repository Manager plugin: the Docker image name. */
  nexusDockerImage: 'nexus-repository-manager/docker.image-name',
  /** Helm chart name in Nexus (no community annotation exists for charts). */
  nexusHelmChart: 'platform-portal.io/nexus-helm-chart',
  /** Community Grafana plugin: dashboards by tag. */
  grafanaDashboardSelector: 'grafana/dashboard-selector',
  /** Community Grafana plugin: alerts by label (`key=value`). */
  grafanaAlertLabelSelector: 'grafana/alert-label-selector',
  /** Service name in traces (Tempo) when it differs from the entity name; no community annotation exists. */
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
