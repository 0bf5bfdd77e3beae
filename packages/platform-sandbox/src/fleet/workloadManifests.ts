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

import { KubeObject } from '../kube/objects';
import { WorkloadKind } from './platformCatalog';

export interface WorkloadDescription {
  namespace: string;
  name: string;
  kind: WorkloadKind;
  replicas?: number;
  image: string;
  port?: number;
  /** Labels on the workload and its pods, besides `app.kubernetes.io/name`. */
  labels?: Record<string, string>;
  workersOnly?: boolean;
  createdAt: string;
}

/** A Deployment, DaemonSet or StatefulSet manifest as a Helm chart would render it. */
export function workloadObject(d: WorkloadDescription): KubeObject {
  const selector = { 'app.kubernetes.io/name': d.name, 'app.kubernetes.io/instance': d.name };
  const labels = { ...selector, ...d.labels };
  const container = {
    name: d.name,
    image: d.image,
    imagePullPolicy: 'IfNotPresent',
    ...(d.port ? { ports: [{ name: 'http', containerPort: d.port, protocol: 'TCP' }] } : {}),
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '512Mi' } },
    ...(d.port ? { readinessProbe: { tcpSocket: { port: d.port }, periodSeconds: 10 } } : {}),
  };
  const template = {
    metadata: { labels },
    spec: {
      serviceAccountName: 'default',
      containers: [container],
      ...(d.workersOnly ? { nodeSelector: { 'node-role.kubernetes.io/worker': '' } } : {}),
      ...(d.kind === 'DaemonSet' ? { tolerations: [{ operator: 'Exists' }] } : {}),
    },
  };
  const spec: Record<string, unknown> = { selector: { matchLabels: selector }, template };
  if (d.kind !== 'DaemonSet') spec.replicas = d.replicas ?? 1;
  if (d.kind === 'Deployment') {
    spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } };
    spec.revisionHistoryLimit = 10;
    spec.progressDeadlineSeconds = 600;
  }
  if (d.kind === 'StatefulSet') spec.serviceName = d.name;
  if (d.kind === 'DaemonSet') spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } };
  return {
    apiVersion: 'apps/v1',
    kind: d.kind,
    metadata: {
      name: d.name,
      namespace: d.namespace,
      creationTimestamp: d.createdAt,
      labels: { ...labels, 'app.kubernetes.io/managed-by': 'Helm' },
      annotations: d.kind === 'Deployment' ? { 'deployment.kubernetes.io/revision': '1' } : {},
    },
    spec,
  };
}

export function serviceObject(
  namespace: string,
  name: string,
  selector: Record<string, string>,
  port: number,
  createdAt: string,
  labels: Record<string, string> = {},
  type: 'ClusterIP' | 'LoadBalancer' = 'ClusterIP',
  clusterIP = '10.96.0.10',
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace, creationTimestamp: createdAt, labels: { ...selector, ...labels } },
    spec: {
      type,
      selector,
      clusterIP,
      clusterIPs: [clusterIP],
      ports: [{ name: 'http', port: port === 8000 ? 80 : port, targetPort: port, protocol: 'TCP' }],
      sessionAffinity: 'None',
      ...(type === 'LoadBalancer' ? { externalTrafficPolicy: 'Cluster', allocateLoadBalancerNodePorts: true } : {}),
    },
    status: { loadBalancer: {} },
  };
}
