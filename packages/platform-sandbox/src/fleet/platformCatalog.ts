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

import { LayerId } from '../scenario/types';

export type WorkloadKind = 'Deployment' | 'DaemonSet' | 'StatefulSet';

/** One platform component as it runs in every cluster. */
export interface PlatformWorkload {
  layer: LayerId;
  /** Product the component belongs to (`app.kubernetes.io/part-of`). */
  partOf: string;
  namespace: string;
  name: string;
  kind: WorkloadKind;
  replicas?: number;
  image: string;
  port?: number;
  /** DaemonSets: run on workers only (else on every node). */
  workersOnly?: boolean;
}

const W = (
  layer: LayerId,
  partOf: string,
  namespace: string,
  name: string,
  kind: WorkloadKind,
  image: string,
  extra: Partial<PlatformWorkload> = {},
): PlatformWorkload => ({ layer, partOf, namespace, name, kind, image, ...extra });

/** The components of the 13 layers that run inside each cluster, in their usual namespaces. */
export const PLATFORM_WORKLOADS: PlatformWorkload[] = [
  W('networking', 'cilium', 'kube-system', 'cilium', 'DaemonSet', 'quay.io/cilium/cilium:v1.18.4', { port: 9962 }),
  W('networking', 'cilium', 'kube-system', 'cilium-operator', 'Deployment', 'quay.io/cilium/operator-generic:v1.18.4', { replicas: 2, port: 9963 }),
  W('networking', 'cilium', 'kube-system', 'hubble-relay', 'Deployment', 'quay.io/cilium/hubble-relay:v1.18.4', { replicas: 1, port: 4245 }),
  W('provisioning', 'kubernetes', 'kube-system', 'coredns', 'Deployment', 'registry.k8s.io/coredns/coredns:v1.12.0', { replicas: 2, port: 53 }),
  W('provisioning', 'kubernetes', 'kube-system', 'metrics-server', 'Deployment', 'registry.k8s.io/metrics-server/metrics-server:v0.7.2', { replicas: 1, port: 10250 }),
  W('internal-lb', 'metallb', 'metallb-system', 'controller', 'Deployment', 'quay.io/metallb/controller:v0.14.9', { replicas: 1, port: 7472 }),
  W('internal-lb', 'metallb', 'metallb-system', 'speaker', 'DaemonSet', 'quay.io/metallb/speaker:v0.14.9', { port: 7472 }),
  W('ingress', 'traefik', 'traefik', 'traefik', 'Deployment', 'docker.io/traefik:v3.3.6', { replicas: 2, port: 8000 }),
  W('storage', 'longhorn', 'longhorn-system', 'longhorn-manager', 'DaemonSet', 'docker.io/longhornio/longhorn-manager:v1.8.1', { workersOnly: true, port: 9500 }),
  W('storage', 'longhorn', 'longhorn-system', 'longhorn-driver-deployer', 'Deployment', 'docker.io/longhornio/longhorn-manager:v1.8.1', { replicas: 1 }),
  W('storage', 'longhorn', 'longhorn-system', 'longhorn-ui', 'Deployment', 'docker.io/longhornio/longhorn-ui:v1.8.1', { replicas: 2, port: 8000 }),
  W('security', 'cert-manager', 'cert-manager', 'cert-manager', 'Deployment', 'quay.io/jetstack/cert-manager-controller:v1.19.1', { replicas: 1, port: 9402 }),
  W('security', 'cert-manager', 'cert-manager', 'cert-manager-cainjector', 'Deployment', 'quay.io/jetstack/cert-manager-cainjector:v1.19.1', { replicas: 1 }),
  W('security', 'cert-manager', 'cert-manager', 'cert-manager-webhook', 'Deployment', 'quay.io/jetstack/cert-manager-webhook:v1.19.1', { replicas: 1, port: 10250 }),
  W('identity', 'dex', 'dex', 'dex', 'Deployment', 'ghcr.io/dexidp/dex:v2.42.0', { replicas: 2, port: 5556 }),
  W('gitops', 'argocd', 'argocd', 'argocd-server', 'Deployment', 'quay.io/argoproj/argocd:v3.4.9', { replicas: 1, port: 8080 }),
  W('gitops', 'argocd', 'argocd', 'argocd-repo-server', 'Deployment', 'quay.io/argoproj/argocd:v3.4.9', { replicas: 1, port: 8081 }),
  W('gitops', 'argocd', 'argocd', 'argocd-application-controller', 'StatefulSet', 'quay.io/argoproj/argocd:v3.4.9', { replicas: 1, port: 8082 }),
  W('gitops', 'argocd', 'argocd', 'argocd-applicationset-controller', 'Deployment', 'quay.io/argoproj/argocd:v3.4.9', { replicas: 1 }),
  W('gitops', 'argocd', 'argocd', 'argocd-redis', 'Deployment', 'docker.io/library/redis:7.4.2-alpine', { replicas: 1, port: 6379 }),
  W('observability', 'lgtm', 'monitoring', 'grafana', 'Deployment', 'docker.io/grafana/grafana:11.6.1', { replicas: 1, port: 3000 }),
  W('observability', 'lgtm', 'monitoring', 'mimir', 'StatefulSet', 'docker.io/grafana/mimir:2.16.0', { replicas: 3, port: 8080 }),
  W('observability', 'lgtm', 'monitoring', 'loki', 'StatefulSet', 'docker.io/grafana/loki:3.5.0', { replicas: 1, port: 3100 }),
  W('observability', 'lgtm', 'monitoring', 'tempo', 'StatefulSet', 'docker.io/grafana/tempo:2.7.2', { replicas: 1, port: 3200 }),
  W('observability', 'lgtm', 'monitoring', 'promtail', 'DaemonSet', 'docker.io/grafana/promtail:3.5.0', { port: 3101 }),
  W('observability', 'lgtm', 'monitoring', 'otel-collector', 'Deployment', 'docker.io/otel/opentelemetry-collector-contrib:0.124.1', { replicas: 1, port: 4317 }),
  W('observability', 'lgtm', 'monitoring', 'alertmanager', 'StatefulSet', 'quay.io/prometheus/alertmanager:v0.28.1', { replicas: 1, port: 9093 }),
  W('observability', 'lgtm', 'monitoring', 'node-exporter', 'DaemonSet', 'quay.io/prometheus/node-exporter:v1.9.1', { port: 9100 }),
  W('observability', 'lgtm', 'monitoring', 'kube-state-metrics', 'Deployment', 'registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.15.0', { replicas: 1, port: 8080 }),
  W('cicd', 'gitlab-runner', 'gitlab-runner', 'gitlab-runner', 'Deployment', 'registry.gitlab.com/gitlab-org/gitlab-runner:v17.11.0', { replicas: 1, port: 9252 }),
];

export const PLATFORM_NAMESPACES = [...new Set(PLATFORM_WORKLOADS.map(w => w.namespace))];

/** Control-plane static pods, one set per control-plane node (mirror pods owned by the Node). */
export const STATIC_POD_COMPONENTS = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'];
