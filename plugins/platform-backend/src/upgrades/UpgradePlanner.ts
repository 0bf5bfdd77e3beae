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

import { ServiceUnavailableError } from '@backstage/errors';
import { KubernetesObjectApi, PatchStrategy } from '@kubernetes/client-node';
import {
  FleetUpgradeRow,
  HealthCheckResult,
  FleetUpgradesResponse,
  UpgradeDryRun,
  UpgradeFinding,
  UpgradePlan,
  UpgradeReport,
} from '@platform-portal/plugin-platform-common';
import { ClusterAccessService } from '@platform-portal/plugin-platform-node';
import { UpstreamClients } from '../clients/UpstreamClients';
import { ConfiguredCluster } from '../config/readPlatformConfig';
import { isControlPlane } from '../health/checks/nodeRoles';
import { KubeObject } from '../health/checks/support';
import { removalsBetween } from './deprecations';
import { budgetsOnNode } from './disruptionBudgets';
import { addonFindings } from './findings/addonFindings';
import { backupFindings } from './findings/backupFindings';
import { disruptionFindings } from './findings/disruptionFindings';
import {
  notReadyFindings,
  skewFindings,
  targetFindings,
} from './findings/nodeFindings';
import { removedApiFindings } from './findings/removedApiFindings';
import { clusterApiPlan } from './plans/clusterApiPlan';
import { kubeadmPlan } from './plans/kubeadmPlan';
import { rke2Plan, rke2Plans } from './plans/rke2Plan';
import { readKubernetesPath } from './readKubernetesPath';
import { readUpgradeFacts, UpgradeFacts } from './readUpgradeFacts';
import {
  formatMinor,
  formatVersion,
  KubeVersion,
  nextMinor,
  parseTarget,
  parseVersion,
} from './versions';

/** A dry run gives up after this. */
const DRY_RUN_DEADLINE_MS = 15_000;
const FIELD_MANAGER = 'platform-portal-upgrade-planner';
const FLEET_CONCURRENCY = 4;

async function withDeadline<T>(call: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${DRY_RUN_DEADLINE_MS} ms`)),
      DRY_RUN_DEADLINE_MS,
    );
  });
  try {
    return await Promise.race([call, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** The kube-apiserver versions the control plane runs: its static pods' image tags, else its kubelets. */
function apiServerVersions(facts: UpgradeFacts): string[] {
  const fromPods = facts.pods
    .filter(
      p =>
        p.metadata?.namespace === 'kube-system' &&
        p.metadata?.labels?.component === 'kube-apiserver',
    )
    .map(
      p =>
        (
          (p.spec as { containers?: Array<{ image?: string }> })
            ?.containers?.[0]?.image ?? ''
        )
          .split(':')
          .pop() ?? '',
    )
    .filter(Boolean);
  if (fromPods.length) return fromPods;
  return facts.nodes
    .filter(isControlPlane)
    .map(
      n =>
        (n.status as { nodeInfo?: { kubeletVersion?: string } })?.nodeInfo
          ?.kubeletVersion ?? '',
    )
    .filter(Boolean);
}

/**
 * Reads a cluster and says, for a target version, what blocks the upgrade
 * and how it is done for the cluster's provisioner. Read-only but for the
 * server-side dry runs of RKE2's Plans, which write nothing.
 */
export class UpgradePlanner {
  constructor(
    private readonly clients: UpstreamClients,
    private readonly clusterAccess: ClusterAccessService,
    private readonly clusters: ConfiguredCluster[],
    /** The stored health checks of a cluster, where the backup posture's verdicts are. */
    private readonly storedChecks?: (
      cluster: string,
    ) => Promise<HealthCheckResult[]>,
  ) {}

  private readPath(cluster: ConfiguredCluster) {
    const index = this.clusters.findIndex(c => c.name === cluster.name);
    return <T>(path: string) =>
      readKubernetesPath<T>(
        this.clients,
        cluster,
        `platform.clusters[${index}]`,
        path,
      );
  }

  /** The control plane's version, from the API server's /version. */
  async currentVersion(
    cluster: ConfiguredCluster,
  ): Promise<KubeVersion & { text: string }> {
    let text: string | undefined;
    try {
      text = (await this.readPath(cluster)<{ gitVersion?: string }>('/version'))
        ?.gitVersion;
    } catch (error) {
      throw new ServiceUnavailableError(
        `Cannot plan an upgrade of cluster ${cluster.name}: ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
    }
    const version = parseVersion(text);
    if (!version) {
      throw new ServiceUnavailableError(
        `Cluster ${cluster.name} reports no Kubernetes version at /version`,
      );
    }
    return { ...version, text: text! };
  }

  async plan(
    cluster: ConfiguredCluster,
    rawTarget: unknown,
    options: { dryRun?: boolean } = {},
  ): Promise<UpgradeReport> {
    const current = await this.currentVersion(cluster);
    const target =
      rawTarget === undefined
        ? nextMinor(current)
        : parseTarget(rawTarget, current);
    const facts = await readUpgradeFacts(
      this.clients,
      cluster,
      removalsBetween(current, target),
      this.readPath(cluster),
    );
    const backup = backupFindings(
      await this.storedChecks?.(cluster.name).catch(() => undefined),
    );
    const findings: UpgradeFinding[] = [
      ...targetFindings(current, target),
      ...skewFindings(facts.nodes, apiServerVersions(facts), target),
      ...notReadyFindings(facts.nodes),
      ...disruptionFindings(facts.disruptionBudgets, facts.pods),
      ...removedApiFindings(facts.legacy),
      ...addonFindings(facts.workloads, target),
      ...backup.findings,
    ];
    return {
      cluster: cluster.name,
      provisioner: cluster.provisioner,
      currentVersion: current.text,
      target:
        target.patch === undefined
          ? formatMinor(target)
          : formatVersion(target).slice(1),
      observedAt: facts.observedAt,
      blockers: findings.filter(f => f.severity === 'blocker'),
      warnings: findings.filter(f => f.severity === 'warning'),
      plan: await this.planFor(
        cluster,
        facts,
        current,
        target,
        options.dryRun !== false,
      ),
      notChecked: backup.notChecked,
    };
  }

  /** Every cluster against its next minor: version, target and counts. */
  async fleet(clusters: ConfiguredCluster[]): Promise<FleetUpgradesResponse> {
    const rows: FleetUpgradeRow[] = new Array(clusters.length);
    let next = 0;
    const worker = async () => {
      while (next < clusters.length) {
        const index = next++;
        const cluster = clusters[index];
        const base = {
          cluster: cluster.name,
          provisioner: cluster.provisioner,
          ...(cluster.environment ? { environment: cluster.environment } : {}),
        };
        try {
          const report = await this.plan(cluster, undefined, { dryRun: false });
          rows[index] = {
            ...base,
            currentVersion: report.currentVersion,
            nextMinor: report.target,
            blockers: report.blockers.length,
            warnings: report.warnings.length,
          };
        } catch (error) {
          rows[index] = {
            ...base,
            error: error instanceof Error ? error.message : String(error),
          };
        }
      }
    };
    await Promise.all(
      Array.from(
        { length: Math.min(FLEET_CONCURRENCY, clusters.length) },
        worker,
      ),
    );
    return { clusters: rows };
  }

  private async planFor(
    cluster: ConfiguredCluster,
    facts: UpgradeFacts,
    current: KubeVersion,
    target: KubeVersion,
    dryRun: boolean,
  ): Promise<UpgradePlan> {
    if (cluster.provisioner === 'cluster-api')
      return clusterApiPlan(cluster.name, facts.clusterApi, target);
    if (cluster.provisioner === 'rke2') {
      const workers = facts.nodes
        .filter(n => !isControlPlane(n))
        .map(n => String(n.metadata?.name));
      const budgets = [
        ...new Set(
          workers.flatMap(w =>
            budgetsOnNode(w, facts.disruptionBudgets, facts.pods),
          ),
        ),
      ].sort();
      const runs = dryRun
        ? await this.dryRunPlans(cluster.name, facts, target)
        : [];
      return rke2Plan(cluster.name, target, runs, budgets);
    }
    return kubeadmPlan({
      nodes: facts.nodes,
      budgets: facts.disruptionBudgets,
      pods: facts.pods,
      current,
      target,
    });
  }

  /** Server-side dry runs of the Plans: the API server validates them and writes nothing. */
  private async dryRunPlans(
    cluster: string,
    facts: UpgradeFacts,
    target: KubeVersion,
  ): Promise<UpgradeDryRun[]> {
    const plans = rke2Plans(target);
    if (!facts.servesUpgradePlans) {
      return plans.map(() => ({
        outcome: 'skipped' as const,
        message: `${cluster} does not serve upgrade.cattle.io/v1 Plans: install system-upgrade-controller and its CRD first`,
      }));
    }
    const api = KubernetesObjectApi.makeApiClient(
      this.clusterAccess.kubeConfig(cluster, 'write'),
    );
    const runs: UpgradeDryRun[] = [];
    for (const plan of plans) {
      try {
        await withDeadline(
          api.patch(
            plan as KubeObject as any,
            undefined,
            'All',
            FIELD_MANAGER,
            true,
            PatchStrategy.ServerSideApply,
          ),
        );
        runs.push({
          outcome: 'accepted',
          message: `The API server accepted Plan ${plan.metadata.name} in a server-side dry run`,
        });
      } catch (error) {
        const body = (error as { body?: unknown }).body;
        const message =
          (typeof body === 'string'
            ? safeMessage(body)
            : (body as { message?: string } | undefined)?.message) ??
          (error instanceof Error ? error.message : String(error));
        runs.push({
          outcome: 'rejected',
          message: `Plan ${plan.metadata.name}: ${message}`,
        });
      }
    }
    return runs;
  }
}

function safeMessage(body: string): string | undefined {
  try {
    return (JSON.parse(body) as { message?: string }).message;
  } catch {
    return undefined;
  }
}
