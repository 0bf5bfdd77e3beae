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
 * What stands in the way of an upgrade, by where it was found.
 *
 * @public
 */
export type UpgradeFindingKind =
  | 'target'
  | 'removed-api'
  | 'addon'
  | 'version-skew'
  | 'node-not-ready'
  | 'drain-blocked'
  | 'backup';

/**
 * Blockers stop the upgrade (and `platform:cluster:upgrade`); warnings are shown, not enforced.
 *
 * @public
 */
export type UpgradeFindingSeverity = 'blocker' | 'warning';

/**
 * One fact a finding rests on, as read from the cluster.
 *
 * @public
 */
export interface UpgradeEvidence {
  /** The object, e.g. `FlowSchema platform-batch-jobs` or `Node staging-1-md-0-2`. */
  object: string;
  field: string;
  value: string;
}

/** @public */
export interface UpgradeFinding {
  /** Stable within a report: the kind and its subject, e.g. `drain-blocked:payments/payments-api`. */
  id: string;
  kind: UpgradeFindingKind;
  severity: UpgradeFindingSeverity;
  title: string;
  message: string;
  evidence: UpgradeEvidence[];
  /** What to do, in order. */
  runbook: string[];
  /** The upstream page the rule comes from. */
  source?: string;
}

/**
 * A server-side dry run of a manifest the plan applies.
 *
 * @public
 */
export interface UpgradeDryRun {
  outcome: 'accepted' | 'rejected' | 'skipped';
  message: string;
}

/** @public */
export interface UpgradePlanStep {
  /** 1-based position: steps run in this order. */
  order: number;
  title: string;
  /** The node the step works on, for node-by-node plans. */
  node?: string;
  role?: 'control-plane' | 'worker';
  detail?: string;
  /** Shell commands, each copyable as is. */
  commands: string[];
  /** PodDisruptionBudgets the drain of this node honours, as `namespace/name`. */
  disruptionBudgets?: string[];
  /** A manifest to apply (YAML). */
  manifest?: string;
  dryRun?: UpgradeDryRun;
}

/** @public */
export interface UpgradePlan {
  provisioner: 'kubeadm' | 'rke2' | 'cluster-api';
  summary: string;
  steps: UpgradePlanStep[];
}

/**
 * `GET /upgrades/:cluster?target=1.xx`: what blocks an upgrade to the target, and how it is done.
 *
 * @public
 */
export interface UpgradeReport {
  cluster: string;
  provisioner: 'kubeadm' | 'rke2' | 'cluster-api';
  /** The control plane's version, e.g. `v1.32.8`. */
  currentVersion: string;
  /** The target as asked, e.g. `1.33` or `1.33.4`. */
  target: string;
  observedAt: string;
  blockers: UpgradeFinding[];
  warnings: UpgradeFinding[];
  plan: UpgradePlan;
  /** Checks that could not run, with the reason, e.g. the backup age before backup posture exists. */
  notChecked: string[];
}

/** @public */
export interface FleetUpgradeRow {
  cluster: string;
  provisioner: 'kubeadm' | 'rke2' | 'cluster-api';
  environment?: string;
  currentVersion?: string;
  /** The next minor, e.g. `1.33`, the target the counts are for. */
  nextMinor?: string;
  blockers?: number;
  warnings?: number;
  /** Why the cluster could not be assessed. */
  error?: string;
}

/**
 * `GET /upgrades`: every cluster against its next minor.
 *
 * @public
 */
export interface FleetUpgradesResponse {
  clusters: FleetUpgradeRow[];
}
