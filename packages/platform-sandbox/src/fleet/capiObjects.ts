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
import { ClusterSpec } from '../scenario/types';
import { shortHash } from './objectWrites';

export const CAPI = 'cluster.x-k8s.io';
export const CAPI_CP = 'controlplane.cluster.x-k8s.io';
export const CLUSTER_NAME_LABEL = `${CAPI}/cluster-name`;
export const CONTROL_PLANE_LABEL = `${CAPI}/control-plane`;
export const CONTROL_PLANE_NAME_LABEL = `${CAPI}/control-plane-name`;
export const DEPLOYMENT_NAME_LABEL = `${CAPI}/deployment-name`;

export function controlPlaneName(cluster: string): string {
  return `${cluster}-control-plane`;
}

export function machineDeploymentName(cluster: string): string {
  return `${cluster}-md-0`;
}

export const SET_NAME_LABEL = `${CAPI}/set-name`;

/** One MachineSet per MachineDeployment template version, as a rollout leaves them. */
export function machineSetName(cluster: string, version: string): string {
  return `${machineDeploymentName(cluster)}-${shortHash(version, 5)}`;
}

export type MachineRole = 'control-plane' | 'worker';

export function roleOf(machine: KubeObject): MachineRole {
  return CONTROL_PLANE_LABEL in (machine.metadata.labels ?? {}) ? 'control-plane' : 'worker';
}

/** A Machine of a workload cluster; its name is also the node's name. */
export function machineObject(spec: ClusterSpec, role: MachineRole, name: string, version: string, createdAt: string): KubeObject {
  const namespace = spec.capiNamespace ?? 'default';
  const owner = role === 'control-plane'
    ? { apiVersion: `${CAPI_CP}/v1beta2`, kind: 'KubeadmControlPlane', name: controlPlaneName(spec.name), controller: true, blockOwnerDeletion: true }
    : { apiVersion: `${CAPI}/v1beta2`, kind: 'MachineSet', name: machineSetName(spec.name, version), controller: true, blockOwnerDeletion: true };
  return {
    apiVersion: `${CAPI}/v1beta2`,
    kind: 'Machine',
    metadata: {
      name,
      namespace,
      creationTimestamp: createdAt,
      labels: {
        [CLUSTER_NAME_LABEL]: spec.name,
        ...(role === 'control-plane'
          ? { [CONTROL_PLANE_LABEL]: '', [CONTROL_PLANE_NAME_LABEL]: controlPlaneName(spec.name) }
          : { [DEPLOYMENT_NAME_LABEL]: machineDeploymentName(spec.name), [SET_NAME_LABEL]: machineSetName(spec.name, version) }),
      },
      ownerReferences: [owner],
      finalizers: ['machine.cluster.x-k8s.io'],
    },
    spec: {
      clusterName: spec.name,
      version,
      bootstrap: {
        configRef: { apiGroup: `bootstrap.${CAPI}`, kind: 'KubeadmConfig', name },
        dataSecretName: name,
      },
      infrastructureRef: { apiGroup: `infrastructure.${CAPI}`, kind: 'VSphereMachine', name },
      ...(role === 'worker' ? { failureDomain: `${spec.region}-a` } : {}),
    },
  };
}

/** The Cluster API objects the management cluster holds for one workload cluster. */
export function capiObjects(spec: ClusterSpec, createdAt: string, kubeconfig: string): Array<{ resource: string; object: KubeObject }> {
  const namespace = spec.capiNamespace ?? 'default';
  const cluster = spec.name;
  const label = { [CLUSTER_NAME_LABEL]: cluster };
  const md = machineDeploymentName(cluster);
  const kcp = controlPlaneName(cluster);
  const machines = [
    ...Array.from({ length: spec.controlPlaneReplicas }, (_, i) => machineObject(spec, 'control-plane', `${kcp}-${i + 1}`, spec.kubernetesVersion, createdAt)),
    ...Array.from({ length: spec.workerReplicas }, (_, i) => machineObject(spec, 'worker', `${md}-${i + 1}`, spec.kubernetesVersion, createdAt)),
  ].map(object => ({ resource: `machines.${CAPI}`, object }));
  return [
    ...machines,
    {
      resource: `clusters.${CAPI}`,
      object: {
        apiVersion: `${CAPI}/v1beta2`,
        kind: 'Cluster',
        metadata: { name: cluster, namespace, creationTimestamp: createdAt, labels: { environment: spec.environment, region: spec.region }, finalizers: ['cluster.cluster.x-k8s.io'] },
        spec: {
          clusterNetwork: { pods: { cidrBlocks: ['10.244.0.0/16'] }, services: { cidrBlocks: ['10.96.0.0/12'] } },
          controlPlaneEndpoint: { host: `${cluster}-api.internal`, port: 6443 },
          controlPlaneRef: { apiGroup: CAPI_CP, kind: 'KubeadmControlPlane', name: kcp },
          infrastructureRef: { apiGroup: `infrastructure.${CAPI}`, kind: 'VSphereCluster', name: cluster },
        },
      },
    },
    {
      resource: `kubeadmcontrolplanes.${CAPI_CP}`,
      object: {
        apiVersion: `${CAPI_CP}/v1beta2`,
        kind: 'KubeadmControlPlane',
        metadata: { name: kcp, namespace, creationTimestamp: createdAt, labels: label, ownerReferences: [{ apiVersion: `${CAPI}/v1beta2`, kind: 'Cluster', name: cluster }] },
        spec: {
          replicas: spec.controlPlaneReplicas,
          version: spec.kubernetesVersion,
          machineTemplate: { spec: { infrastructureRef: { apiGroup: `infrastructure.${CAPI}`, kind: 'VSphereMachineTemplate', name: `${kcp}-${spec.kubernetesVersion.replace(/\./g, '-')}` } } },
          kubeadmConfigSpec: { clusterConfiguration: { apiServer: { extraArgs: [{ name: 'oidc-issuer-url', value: 'https://dex.apps.example.internal' }, { name: 'oidc-client-id', value: 'kubernetes' }] } } },
          rollout: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } },
        },
      },
    },
    {
      resource: `machinedeployments.${CAPI}`,
      object: {
        apiVersion: `${CAPI}/v1beta2`,
        kind: 'MachineDeployment',
        metadata: { name: md, namespace, creationTimestamp: createdAt, labels: label, ownerReferences: [{ apiVersion: `${CAPI}/v1beta2`, kind: 'Cluster', name: cluster }] },
        spec: {
          clusterName: cluster,
          replicas: spec.workerReplicas,
          selector: { matchLabels: { ...label, [DEPLOYMENT_NAME_LABEL]: md } },
          template: {
            metadata: { labels: { ...label, [DEPLOYMENT_NAME_LABEL]: md } },
            spec: {
              clusterName: cluster,
              version: spec.kubernetesVersion,
              bootstrap: { configRef: { apiGroup: `bootstrap.${CAPI}`, kind: 'KubeadmConfigTemplate', name: md } },
              infrastructureRef: { apiGroup: `infrastructure.${CAPI}`, kind: 'VSphereMachineTemplate', name: `${md}-${spec.kubernetesVersion.replace(/\./g, '-')}` },
            },
          },
          rollout: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } },
        },
      },
    },
    {
      resource: `machinehealthchecks.${CAPI}`,
      object: {
        apiVersion: `${CAPI}/v1beta2`,
        kind: 'MachineHealthCheck',
        metadata: { name: `${md}-unhealthy`, namespace, creationTimestamp: createdAt, labels: label },
        spec: {
          clusterName: cluster,
          selector: { matchLabels: { [DEPLOYMENT_NAME_LABEL]: md } },
          checks: {
            nodeStartupTimeoutSeconds: 600,
            unhealthyNodeConditions: [
              { type: 'Ready', status: 'Unknown', timeoutSeconds: 300 },
              { type: 'Ready', status: 'False', timeoutSeconds: 300 },
            ],
          },
          remediation: { triggerIf: { unhealthyLessThanOrEqualTo: '40%' } },
        },
      },
    },
    {
      resource: 'secrets',
      object: {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: `${cluster}-kubeconfig`, namespace, creationTimestamp: createdAt, labels: label, ownerReferences: [{ apiVersion: `${CAPI_CP}/v1beta2`, kind: 'KubeadmControlPlane', name: kcp, controller: true }] },
        type: `${CAPI}/secret`,
        data: { value: Buffer.from(kubeconfig).toString('base64') },
      },
    },
    {
      resource: 'secrets',
      object: {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: `${cluster}-ca`, namespace, creationTimestamp: createdAt, labels: label },
        type: `${CAPI}/secret`,
        data: { 'tls.crt': Buffer.from(`-----BEGIN CERTIFICATE-----\n${cluster}-ca\n-----END CERTIFICATE-----\n`).toString('base64'), 'tls.key': Buffer.from('sandbox').toString('base64') },
      },
    },
  ];
}
