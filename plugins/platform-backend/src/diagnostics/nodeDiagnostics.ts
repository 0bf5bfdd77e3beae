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
  DiagnosticCommand,
  DiagnosticRemediation,
} from '@platform-portal/plugin-platform-common';
import {
  DiagnosticContext,
  DiagnosticStepDefinition,
  RunbookDiagnostic,
} from './RunbookDiagnostic';
import {
  AnyObject,
  conditionOf,
  describeCondition,
  refOf,
} from './kubeObjects';
import { machineDeploymentsOf } from './machineDeployments';

async function downNodes(context: DiagnosticContext): Promise<AnyObject[]> {
  return (await context.list('v1', 'Node')).filter(
    n =>
      (!context.name || n.metadata?.name === context.name) &&
      conditionOf(n, 'Ready')?.status !== 'True',
  );
}

/** The guide's replacement commands for one node; the portal never runs them. */
function replaceCommands(node: string): DiagnosticCommand[] {
  return [
    { description: `Cordon ${node}`, command: `kubectl cordon ${node}` },
    {
      description: `Drain ${node} (evicts its pods)`,
      command: `kubectl drain ${node} --ignore-daemonsets --delete-emptydir-data`,
    },
    {
      description: `Remove ${node} from the cluster`,
      command: `kubectl delete node ${node}`,
    },
  ];
}

const nodesReady: DiagnosticStepDefinition = {
  id: 'nodes',
  title: 'Nodes Ready',
  async run(context) {
    const nodes = await context.list('v1', 'Node');
    const down = await downNodes(context);
    const evidence = nodes.map(
      n => `${n.metadata?.name}: ${describeCondition(conditionOf(n, 'Ready'))}`,
    );
    if (context.name && !nodes.some(n => n.metadata?.name === context.name)) {
      return {
        result: 'warn',
        summary: `No node named ${context.name}`,
        evidence,
      };
    }
    return down.length
      ? {
          result: 'fail',
          summary: `Node(s) down: ${down
            .map(n => n.metadata?.name)
            .join(', ')}`,
          evidence,
          commands: down.flatMap(n => replaceCommands(n.metadata!.name!)),
        }
      : { result: 'pass', summary: `${nodes.length} node(s) Ready`, evidence };
  },
};

const machineDeployments: DiagnosticStepDefinition = {
  id: 'machine-deployments',
  title: 'Cluster API MachineDeployments at their desired size',
  runbookStep: 0,
  async run(context) {
    const found = await machineDeploymentsOf(context);
    if (!found) {
      return {
        result: 'pass',
        summary:
          'Not a Cluster API cluster: workers join by hand (kubeadm join)',
      };
    }
    const evidence = found.items.map(
      md =>
        `${refOf(md)} on ${found.management}: ${
          md.status?.readyReplicas ?? 0
        }/${md.spec?.replicas} ready`,
    );
    const short = found.items.find(
      md => (md.status?.readyReplicas ?? 0) < (md.spec?.replicas ?? 0),
    );
    const remediations: DiagnosticRemediation[] = found.items.map(md => ({
      action: 'machinedeployment-scale',
      title: `Add a worker to ${md.metadata?.name}`,
      description: `Scales MachineDeployment ${refOf(md)} on ${
        found.management
      } from ${md.spec?.replicas} to ${
        (md.spec?.replicas ?? 0) + 1
      } replicas; Cluster API provisions and joins the node.`,
      request: {
        namespace: md.metadata?.namespace,
        name: md.metadata!.name!,
        replicas: (md.spec?.replicas ?? 0) + 1,
      },
    }));
    return short
      ? {
          result: 'fail',
          summary: `${refOf(short)} has ${
            short.status?.readyReplicas ?? 0
          } of ${short.spec?.replicas} machines ready`,
          evidence,
          remediations,
        }
      : {
          result: 'pass',
          summary: 'Every MachineDeployment is at its size',
          evidence,
          remediations,
        };
  },
};

const agentsOnEveryNode: DiagnosticStepDefinition = {
  id: 'node-agents',
  title: 'Cilium and Longhorn on every node',
  runbookStep: 4,
  async run({ list }) {
    const allNodes = await list('v1', 'Node');
    const nodes = allNodes.map(n => n.metadata?.name);
    // Longhorn keeps replicas on workers only.
    const workers = allNodes
      .filter(
        n =>
          !(
            'node-role.kubernetes.io/control-plane' in
            (n.metadata?.labels ?? {})
          ),
      )
      .map(n => n.metadata?.name);
    const pods = await list('v1', 'Pod');
    const missing: string[] = [];
    for (const [label, namespace, prefix, expected] of [
      ['Cilium agent', 'kube-system', /^cilium-[a-z0-9]{5}$/, nodes],
      ['Longhorn manager', 'longhorn-system', /^longhorn-manager-/, workers],
    ] as const) {
      const onNodes = new Set(
        pods
          .filter(
            p =>
              p.metadata?.namespace === namespace &&
              prefix.test(p.metadata?.name ?? ''),
          )
          .filter(p => p.status?.phase === 'Running')
          .map(p => p.spec?.nodeName),
      );
      if (onNodes.size === 0) continue;
      for (const node of expected) {
        if (!onNodes.has(node)) missing.push(`${label} not running on ${node}`);
      }
    }
    return missing.length
      ? { result: 'fail', summary: missing[0], evidence: missing }
      : {
          result: 'pass',
          summary: `Agents run on all ${nodes.length} node(s)`,
        };
  },
};

/** Adding a worker: nodes, the MachineDeployment (Cluster API) and the node agents. */
export const addNodeDiagnostic: RunbookDiagnostic = {
  runbook: 'add-worker-node',
  steps: [
    { ...nodesReady, runbookStep: 3 },
    machineDeployments,
    agentsOnEveryNode,
  ],
};

/** Replacing a failed node: which node, and the commands that replace it. */
export const removeNodeDiagnostic: RunbookDiagnostic = {
  runbook: 'remove-node',
  steps: [{ ...nodesReady, runbookStep: 0 }, machineDeployments],
};
