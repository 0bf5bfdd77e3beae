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

import {
  HealthEvidence,
  HealthVerdict,
} from '@platform-portal/plugin-platform-common';
import { PlatformHealthCheck } from '@platform-portal/plugin-platform-node';
import { sizingChecks } from '../../sizing/sizingChecks';
import { KINDS } from './kinds';
import { CONTROL_PLANE_ROLE, isControlPlane, isReady } from './nodeRoles';
import { conditionOf, evidence, KubeObject, outcome, refOf } from './support';

function minorOf(version: string | undefined): string | undefined {
  return /^v?(\d+\.\d+)/.exec(version ?? '')?.[1];
}

/** Control-plane nodes Ready, with etcd quorum kept. */
const controlPlaneNodes: PlatformHealthCheck = {
  id: 'provisioning.control-plane-nodes',
  layer: 'provisioning',
  title: 'Control-plane nodes are Ready with etcd quorum',
  runbook: 'add-worker-node',
  buildOutStep: 7,
  async run({ kubernetes }) {
    const { items, observedAt } = await kubernetes.list<KubeObject>(
      ...KINDS.node,
    );
    const members = items.filter(isControlPlane);
    if (members.length === 0) {
      return outcome('critical', 'No node carries the control-plane role', [
        evidence(
          'Node/*',
          `metadata.labels.${CONTROL_PLANE_ROLE}`,
          'none',
          observedAt,
        ),
      ]);
    }
    const notReady = members.filter(n => !isReady(n));
    const quorum = Math.floor(members.length / 2) + 1;
    const facts = notReady.map(n =>
      evidence(
        refOf(n, 'Node'),
        'status.conditions[Ready].status',
        conditionOf(n, 'Ready')?.status ?? 'missing',
        observedAt,
      ),
    );
    if (members.length % 2 === 0) {
      facts.push(
        evidence(
          'Node/*',
          'control-plane count',
          String(members.length),
          observedAt,
        ),
      );
    }
    const ready = members.length - notReady.length;
    let verdict: HealthVerdict = 'ok';
    const problems: string[] = [];
    if (notReady.length > 0) {
      verdict = ready < quorum ? 'critical' : 'warning';
      problems.push(
        `${notReady.length} of ${members.length} control-plane nodes not Ready (etcd quorum needs ${quorum})`,
      );
    }
    if (members.length % 2 === 0) {
      verdict = verdict === 'ok' ? 'warning' : verdict;
      problems.push(
        `${members.length} control-plane nodes: etcd needs an odd number (3 or 5)`,
      );
    }
    return outcome(
      verdict,
      problems.join('; ') || `${members.length} control-plane nodes Ready`,
      facts,
    );
  },
};

/** Kubelets more than one minor version apart break the supported skew. */
const versionSkew: PlatformHealthCheck = {
  id: 'provisioning.version-skew',
  layer: 'provisioning',
  title: 'Node versions are within one minor version',
  buildOutStep: 8,
  async run({ kubernetes }) {
    const { items, observedAt } = await kubernetes.list<KubeObject>(
      ...KINDS.node,
    );
    const versions = new Map<string, string[]>();
    for (const node of items) {
      const minor = minorOf(node.status?.nodeInfo?.kubeletVersion) ?? 'unknown';
      versions.set(minor, [
        ...(versions.get(minor) ?? []),
        node.metadata?.name ?? '',
      ]);
    }
    const minors = [...versions.keys()]
      .filter(v => v !== 'unknown')
      .map(v => Number(v.split('.')[1]));
    const facts: HealthEvidence[] = [...versions.entries()].map(
      ([minor, nodes]) =>
        evidence(
          `Node/${nodes.join(',')}`,
          'status.nodeInfo.kubeletVersion',
          `v${minor}`,
          observedAt,
        ),
    );
    if (minors.length === 0) {
      return outcome('unknown', 'No node reports a kubelet version', facts);
    }
    const spread = Math.max(...minors) - Math.min(...minors);
    if (spread > 1) {
      return outcome(
        'critical',
        `Kubelet versions span ${spread + 1} minor versions`,
        facts,
      );
    }
    if (spread === 1) {
      return outcome(
        'warning',
        'An upgrade is in progress or stalled: two kubelet minor versions',
        facts,
      );
    }
    return outcome('ok', `All nodes run v${[...versions.keys()][0]}`, facts);
  },
};

/** Cluster API's own view: Cluster available, control plane and workers at their replica counts. */
const clusterApiStatus: PlatformHealthCheck = {
  id: 'provisioning.cluster-api',
  layer: 'provisioning',
  title: 'Cluster API reports the cluster, control plane and workers available',
  runbook: 'add-worker-node',
  buildOutStep: 6,
  appliesTo: cluster => cluster.provisioner === 'cluster-api',
  async run({ cluster, managementKubernetes }) {
    if (!managementKubernetes) {
      return outcome(
        'unknown',
        `The management cluster of ${cluster.name} is not configured; set managementCluster on it`,
      );
    }
    const belongs = (o: KubeObject) =>
      o.metadata?.labels?.['cluster.x-k8s.io/cluster-name'] === cluster.name;
    const [clusters, controlPlanes, machineDeployments] = await Promise.all([
      managementKubernetes.list<KubeObject>(...KINDS.capiCluster),
      managementKubernetes.list<KubeObject>(...KINDS.kubeadmControlPlane),
      managementKubernetes.list<KubeObject>(...KINDS.machineDeployment),
    ]);
    const observedAt = clusters.observedAt;
    const capiCluster = clusters.items.find(
      c => c.metadata?.name === cluster.name,
    );
    if (!capiCluster) {
      return outcome(
        'critical',
        `No Cluster API Cluster named ${cluster.name} on the management cluster`,
        [
          evidence(
            `Cluster/*/${cluster.name}`,
            'metadata.name',
            'not found',
            observedAt,
          ),
        ],
      );
    }
    const facts: HealthEvidence[] = [];
    const problems: string[] = [];
    let verdict: HealthVerdict = 'ok';
    const raise = (to: HealthVerdict) => {
      if (to === 'critical' || verdict === 'ok') verdict = to;
    };
    const available = conditionOf(capiCluster, 'Available');
    facts.push(
      evidence(
        refOf(capiCluster, 'Cluster'),
        'status.conditions[Available]',
        available?.status ?? 'missing',
        observedAt,
      ),
    );
    facts.push(
      evidence(
        refOf(capiCluster, 'Cluster'),
        'status.phase',
        capiCluster.status?.phase ?? 'missing',
        observedAt,
      ),
    );
    if (available?.status !== 'True') {
      raise('warning');
      problems.push(
        `Cluster not Available${
          available?.message ? `: ${available.message}` : ''
        }`,
      );
    }
    for (const kcp of controlPlanes.items.filter(belongs)) {
      const ref = refOf(kcp, 'KubeadmControlPlane');
      const desired = kcp.spec?.replicas ?? 0;
      const ready = kcp.status?.readyReplicas ?? 0;
      facts.push(
        evidence(
          ref,
          'status.readyReplicas/spec.replicas',
          `${ready}/${desired}`,
          controlPlanes.observedAt,
        ),
      );
      const etcd = conditionOf(kcp, 'EtcdClusterHealthy');
      if (etcd && etcd.status !== 'True') {
        raise('critical');
        problems.push(`etcd not healthy (${etcd.reason ?? etcd.status})`);
        facts.push(
          evidence(
            ref,
            'status.conditions[EtcdClusterHealthy]',
            etcd.status,
            controlPlanes.observedAt,
          ),
        );
      }
      if (ready < desired) {
        raise('warning');
        problems.push(`control plane ${ready}/${desired} ready`);
      }
    }
    for (const md of machineDeployments.items.filter(belongs)) {
      const ref = refOf(md, 'MachineDeployment');
      const desired = md.spec?.replicas ?? 0;
      const workers = md.status?.availableReplicas ?? 0;
      facts.push(
        evidence(
          ref,
          'status.availableReplicas/spec.replicas',
          `${workers}/${desired}`,
          machineDeployments.observedAt,
        ),
      );
      if (workers < desired) {
        raise('warning');
        problems.push(
          `${md.metadata?.name} ${workers}/${desired} workers available`,
        );
      }
    }
    return outcome(
      verdict,
      problems.join('; ') || 'Cluster, control plane and workers available',
      facts,
    );
  },
};

export const provisioningChecks: PlatformHealthCheck[] = [
  controlPlaneNodes,
  versionSkew,
  clusterApiStatus,
  ...sizingChecks('provisioning'),
];
