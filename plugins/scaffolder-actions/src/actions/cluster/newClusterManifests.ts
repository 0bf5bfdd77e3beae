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

import { Manifest, ownerLabels } from '@platform-portal/plugin-platform-node';
import { CAPI_VERSION, KCP_VERSION } from './managedCluster';

/** A validated request for a new workload cluster. */
export interface NewClusterRequest {
  name: string;
  environment: string;
  region: string;
  version: string;
  controlPlaneReplicas: number;
  workerReplicas: number;
}

const INFRA = 'infrastructure.cluster.x-k8s.io';

/**
 * The platform's cluster template: a Cluster with a KubeadmControlPlane and
 * one MachineDeployment on vSphere, OIDC against Dex, owned by the platform
 * team.
 */
export function newClusterManifests(
  request: NewClusterRequest,
  namespace: string,
  platformTeam: string,
  oidc: { issuerUrl: string; clientId: string },
): Manifest[] {
  const { name, version } = request;
  const labels = {
    ...ownerLabels(platformTeam, name),
    environment: request.environment,
    region: request.region,
  };
  const clusterLabel = { 'cluster.x-k8s.io/cluster-name': name };
  const kcp = `${name}-control-plane`;
  const md = `${name}-md-0`;
  return [
    {
      apiVersion: CAPI_VERSION,
      kind: 'Cluster',
      metadata: { name, namespace, labels },
      spec: {
        clusterNetwork: {
          pods: { cidrBlocks: ['10.244.0.0/16'] },
          services: { cidrBlocks: ['10.96.0.0/12'] },
        },
        controlPlaneRef: {
          apiGroup: 'controlplane.cluster.x-k8s.io',
          kind: 'KubeadmControlPlane',
          name: kcp,
        },
        infrastructureRef: { apiGroup: INFRA, kind: 'VSphereCluster', name },
      },
    },
    {
      apiVersion: KCP_VERSION,
      kind: 'KubeadmControlPlane',
      metadata: {
        name: kcp,
        namespace,
        labels: { ...labels, ...clusterLabel },
      },
      spec: {
        replicas: request.controlPlaneReplicas,
        version,
        machineTemplate: {
          spec: {
            infrastructureRef: {
              apiGroup: INFRA,
              kind: 'VSphereMachineTemplate',
              name: `${name}-control-plane`,
            },
          },
        },
        kubeadmConfigSpec: {
          clusterConfiguration: {
            apiServer: {
              extraArgs: [
                { name: 'oidc-issuer-url', value: oidc.issuerUrl },
                { name: 'oidc-client-id', value: oidc.clientId },
                { name: 'oidc-groups-claim', value: 'groups' },
              ],
            },
          },
        },
        rollout: {
          strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } },
        },
      },
    },
    {
      apiVersion: CAPI_VERSION,
      kind: 'MachineDeployment',
      metadata: { name: md, namespace, labels: { ...labels, ...clusterLabel } },
      spec: {
        clusterName: name,
        replicas: request.workerReplicas,
        selector: {
          matchLabels: {
            ...clusterLabel,
            'cluster.x-k8s.io/deployment-name': md,
          },
        },
        template: {
          metadata: {
            labels: { ...clusterLabel, 'cluster.x-k8s.io/deployment-name': md },
          },
          spec: {
            clusterName: name,
            version,
            bootstrap: {
              configRef: {
                apiGroup: 'bootstrap.cluster.x-k8s.io',
                kind: 'KubeadmConfigTemplate',
                name: `${name}-md-0`,
              },
            },
            infrastructureRef: {
              apiGroup: INFRA,
              kind: 'VSphereMachineTemplate',
              name: `${name}-md-0`,
            },
          },
        },
      },
    },
  ] as Manifest[];
}
