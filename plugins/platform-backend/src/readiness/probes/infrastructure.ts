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

import { HealthVerdict } from '@platform-portal/plugin-platform-common';
import { UpstreamClients } from '../../clients/UpstreamClients';
import { KINDS } from '../../health/checks/kinds';
import { isControlPlane } from '../../health/checks/nodeRoles';
import {
  evidence,
  KubeObject,
  outcome,
  refOf,
} from '../../health/checks/support';
import { BuildOutProbe, PROBE_KINDS } from './BuildOutProbe';

const SERVER_OS =
  /^(Ubuntu \d\d\.04|Red Hat Enterprise Linux|Rocky Linux|AlmaLinux|SUSE Linux Enterprise|Debian GNU\/Linux|Flatcar|Talos)/;

/** Step 1: the node counts the guide provisions (3 control plane, 3+ workers, 2 LB). */
function nodeCounts(clients: UpstreamClients): BuildOutProbe {
  return {
    id: 'build-out.node-count',
    step: 1,
    title:
      'The cluster has 3 control-plane, 3+ worker and 2 load-balancer nodes',
    async run({ kubernetes, cluster, signal }) {
      const { items, observedAt } = await kubernetes.list<KubeObject>(
        ...KINDS.node,
      );
      const controlPlanes = items.filter(isControlPlane).length;
      const workers = items.length - controlPlanes;
      const facts = [
        evidence('Node/*', 'control-plane nodes', controlPlanes, observedAt),
        evidence('Node/*', 'worker nodes', workers, observedAt),
      ];
      const short: string[] = [];
      if (controlPlanes < 3) {
        short.push(`${controlPlanes} control-plane node(s), the guide has 3`);
      }
      if (workers < 3) {
        short.push(`${workers} worker node(s), the guide has 3 or more`);
      }
      const keepalived = clients.keepalived(cluster.name);
      let unreadable: string | undefined;
      if (keepalived) {
        try {
          const lb = await keepalived.nodes(signal);
          const hosts = new Set(lb.data.map(n => n.host)).size;
          facts.push(
            evidence('Keepalived', 'load-balancer nodes', hosts, lb.observedAt),
          );
          if (hosts < 2) {
            short.push(`${hosts} load-balancer node(s), the guide has 2`);
          }
        } catch (error) {
          unreadable = error instanceof Error ? error.message : String(error);
          facts.push(
            evidence(
              'Keepalived',
              'load-balancer nodes',
              'unreadable',
              observedAt,
            ),
          );
        }
      }
      if (short.length === 0 && unreadable) {
        // The load-balancer pair is half of this step: unseen, it is not verified.
        return outcome(
          'unknown',
          `${items.length} Kubernetes nodes as the guide provisions them; the load-balancer nodes are not known: ${unreadable}`,
          facts,
        );
      }
      if (short.length === 0) {
        return outcome(
          'ok',
          `${items.length} nodes as the guide provisions them`,
          facts,
        );
      }
      // Smaller clusters are legitimate outside production; there they only fall short.
      const verdict: HealthVerdict =
        cluster.environment === 'production' ? 'critical' : 'warning';
      return outcome(verdict, short.join('; '), facts);
    },
  };
}

/** Step 2: every node runs a server OS of a supported family. */
const operatingSystem: BuildOutProbe = {
  id: 'build-out.os',
  step: 2,
  title: 'Every node runs a supported server OS',
  async run({ kubernetes }) {
    const { items, observedAt } = await kubernetes.list<KubeObject>(
      ...KINDS.node,
    );
    const images = new Map<string, string[]>();
    for (const node of items) {
      const image = node.status?.nodeInfo?.osImage ?? '';
      images.set(image, [
        ...(images.get(image) ?? []),
        node.metadata?.name ?? '',
      ]);
    }
    const facts = [...images].map(([image, nodes]) =>
      evidence(
        `Node/${nodes.join(',')}`,
        'status.nodeInfo.osImage',
        image || 'not reported',
        observedAt,
      ),
    );
    const unknown = [...images.keys()].filter(image => !SERVER_OS.test(image));
    if (items.length === 0) {
      return outcome('critical', 'No node has joined the cluster', facts);
    }
    if (unknown.length > 0) {
      return outcome(
        'warning',
        `Not a server OS the guide names: ${unknown
          .map(i => i || 'none reported')
          .join(', ')}`,
        facts,
      );
    }
    return outcome(
      images.size > 1 ? 'warning' : 'ok',
      images.size > 1
        ? `Nodes run ${images.size} different OS images`
        : `All ${items.length} nodes run ${[...images.keys()][0]}`,
      facts,
    );
  },
};

/** Step 4: each worker gives Longhorn a schedulable disk. */
const longhornDisks: BuildOutProbe = {
  id: 'build-out.longhorn-disks',
  step: 4,
  title: 'Every worker has a disk for Longhorn',
  async run({ kubernetes }) {
    const [nodes, longhorn] = await Promise.all([
      kubernetes.list<KubeObject>(...KINDS.node),
      kubernetes.list<KubeObject>(...PROBE_KINDS.longhornNode),
    ]);
    const workers = nodes.items.filter(n => !isControlPlane(n));
    const missing = workers.filter(worker => {
      const found = longhorn.items.find(
        l => l.metadata?.name === worker.metadata?.name,
      );
      const disks = Object.values<{ allowScheduling?: boolean }>(
        found?.spec?.disks ?? {},
      );
      return !disks.some(d => d.allowScheduling !== false);
    });
    const facts = workers.map(w => {
      const found = longhorn.items.find(
        l => l.metadata?.name === w.metadata?.name,
      );
      return evidence(
        found
          ? refOf(found, 'longhorn.io/Node')
          : `longhorn.io/Node/${w.metadata?.name}`,
        'spec.disks',
        Object.values<{ path?: string }>(found?.spec?.disks ?? {})
          .map(d => d.path)
          .join(', ') || 'none',
        longhorn.observedAt,
      );
    });
    if (workers.length === 0) {
      return outcome(
        'critical',
        'No worker node to hold Longhorn disks',
        facts,
      );
    }
    if (missing.length > 0) {
      return outcome(
        'critical',
        `No schedulable Longhorn disk on ${missing
          .map(n => n.metadata?.name)
          .join(', ')}`,
        facts,
      );
    }
    return outcome(
      'ok',
      `${workers.length} workers have a Longhorn disk`,
      facts,
    );
  },
};

/** Step 5: containerd is the runtime on every node. */
const containerRuntime: BuildOutProbe = {
  id: 'build-out.container-runtime',
  step: 5,
  title: 'Every node runs containerd',
  async run({ kubernetes }) {
    const { items, observedAt } = await kubernetes.list<KubeObject>(
      ...KINDS.node,
    );
    const other = items.filter(
      n =>
        !String(n.status?.nodeInfo?.containerRuntimeVersion ?? '').startsWith(
          'containerd://',
        ),
    );
    const facts = (other.length ? other : items.slice(0, 1)).map(n =>
      evidence(
        refOf(n, 'Node'),
        'status.nodeInfo.containerRuntimeVersion',
        n.status?.nodeInfo?.containerRuntimeVersion ?? 'not reported',
        observedAt,
      ),
    );
    if (items.length === 0) {
      return outcome('critical', 'No node has joined the cluster', facts);
    }
    return other.length
      ? outcome(
          'critical',
          `${other.length} node(s) without containerd: ${other
            .map(n => n.metadata?.name)
            .join(', ')}`,
          facts,
        )
      : outcome('ok', `All ${items.length} nodes run containerd`, facts);
  },
};

export function infrastructureProbes(
  clients: UpstreamClients,
): BuildOutProbe[] {
  return [
    nodeCounts(clients),
    operatingSystem,
    longhornDisks,
    containerRuntime,
  ];
}
