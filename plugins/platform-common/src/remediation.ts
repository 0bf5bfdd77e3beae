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

import { HealthCheckResult, HealthEvidence } from './health';
import type * as Api from './schema/openapi/generated/models';
import { getRunbook, RunbookStep } from './runbooks';
import { Provisioner, RUNBOOK_STEP_VARIANTS } from './runbookVariants';

/**
 * The runbook step a failing check's failure calls for, as it reads on the
 * cluster's provisioner, with the names from the evidence filled in.
 *
 * @public
 */
export type CheckRemediation = Api.CheckRemediation;

/** Where the cluster is and how it was built: what fills a runbook in. @public */
export interface RunbookContext {
  cluster: string;
  provisioner: Provisioner;
  managementCluster?: string;
  /** Names known for the whole cluster, e.g. its Cluster API namespace. */
  values?: Record<string, string>;
}

/**
 * The step of its runbook each check's failure calls for, where it is not
 * the first: a NotReady worker is replaced (not added to), a short
 * MachineDeployment has a Machine to delete, a scrape target down is looked
 * up in Prometheus.
 */
const CHECK_RUNBOOK_STEPS: Readonly<
  Record<string, { runbook?: string; step: number }>
> = {
  'hardware.workers-ready': { runbook: 'remove-node', step: 1 },
  'hardware.node-pressure': { step: 3 },
  'hardware.node-capacity': { step: 1 },
  'hardware.sizing-workers-n-plus-one': { step: 3 },
  'provisioning.control-plane-nodes': {
    runbook: 'control-plane-down',
    step: 1,
  },
  'provisioning.cluster-api': { runbook: 'remove-node', step: 3 },
  'networking.cilium-agents': { step: 5 },
  'networking.default-deny': { step: 2 },
  'internal-lb.address-allocation': { step: 2 },
  'ingress.gateways': { step: 3 },
  'ingress.httproutes': { step: 4 },
  'storage.longhorn-volumes': { step: 2 },
  'observability.scrape-targets': { step: 5 },
  'gitops.applications': { step: 2 },
};

/**
 * A step as it reads on a provisioner.
 *
 * @public
 */
export function stepFor(
  runbook: string,
  number: number,
  step: RunbookStep,
  provisioner: Provisioner,
): { text: string; commands: string[] } {
  const variant = RUNBOOK_STEP_VARIANTS[runbook]?.[number]?.[provisioner];
  return {
    text: variant?.text ?? step.text,
    commands: variant?.commands ?? step.commands,
  };
}

/**
 * Placeholder values the evidence and the cluster give: `<failed-node>` from
 * a Node, `<namespace>` and the object's name from a namespaced object,
 * `<machine-deployment>` and `<capi-namespace>` from Cluster API objects.
 *
 * @public
 */
export function placeholderValues(
  evidence: HealthEvidence[],
  context: RunbookContext,
): Record<string, string> {
  const values: Record<string, string> = {
    ...context.values,
    cluster: context.cluster,
  };
  if (context.managementCluster) {
    values['management-cluster'] = context.managementCluster;
  }
  const byKind: Record<string, string[]> = {
    Node: ['failed-node'],
    MachineDeployment: ['machine-deployment'],
    Machine: ['machine'],
    Certificate: ['name'],
    HTTPRoute: ['route-name'],
    Service: ['service-name'],
    Application: ['app-name'],
    CiliumNetworkPolicy: ['policy-name'],
  };
  for (const fact of evidence) {
    const parts = fact.object.split('/');
    if (parts.length < 2 || !/^[A-Z][A-Za-z]+$/.test(parts[0])) continue;
    const [kind, ...rest] = parts;
    const name = rest[rest.length - 1];
    const namespace = rest.length === 2 ? rest[0] : undefined;
    if (!name || name === '*') continue;
    const capi =
      kind === 'MachineDeployment' ||
      kind === 'Machine' ||
      kind === 'Cluster' ||
      kind === 'KubeadmControlPlane';
    if (namespace && capi) values['capi-namespace'] ??= namespace;
    // An Argo CD Application lives in Argo CD's namespace, not the app's.
    if (namespace && !capi && kind !== 'Application') {
      values.namespace ??= namespace;
    }
    for (const key of byKind[kind] ?? []) values[key] ??= name;
  }
  return values;
}

/**
 * Replaces each `<placeholder>` that has a value; the others stay to fill by hand.
 *
 * @public
 */
export function fillPlaceholders(
  command: string,
  values: Record<string, string>,
): string {
  return command.replace(
    /<([a-z][a-z-]*)>/g,
    (whole, key: string) => values[key] ?? whole,
  );
}

/**
 * The remediation for a check: none while it passes (an OK check links to
 * no remediation), otherwise the step of its runbook that its failure calls
 * for, on the cluster's provisioner, with names filled in.
 *
 * @public
 */
export function remediationFor(
  check: HealthCheckResult,
  context: RunbookContext,
): CheckRemediation | undefined {
  if (check.verdict !== 'warning' && check.verdict !== 'critical') {
    return undefined;
  }
  const mapped = CHECK_RUNBOOK_STEPS[check.id];
  const id = mapped?.runbook ?? check.runbook;
  const runbook = id ? getRunbook(id) : undefined;
  if (!runbook) return undefined;
  const number = Math.min(mapped?.step ?? 1, runbook.steps.length);
  const step = stepFor(
    runbook.id,
    number,
    runbook.steps[number - 1],
    context.provisioner,
  );
  const values = placeholderValues(check.evidence, context);
  return {
    runbook: runbook.id,
    runbookTitle: runbook.title,
    step: number,
    text: step.text,
    commands: step.commands.map(c => fillPlaceholders(c, values)),
    provisioner: context.provisioner,
    values,
  };
}
