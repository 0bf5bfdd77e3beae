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

import type * as Api from './schema/openapi/generated/models';

/**
 * What stands in the way of an upgrade, by where it was found.
 *
 * @public
 */
export type UpgradeFindingKind = Api.UpgradeFindingKind;

/**
 * Blockers stop the upgrade (and `platform:cluster:upgrade`); warnings are shown, not enforced.
 *
 * @public
 */
export type UpgradeFindingSeverity = Api.UpgradeFindingSeverity;

/**
 * One fact a finding rests on, as read from the cluster.
 *
 * @public
 */
export type UpgradeEvidence = Api.UpgradeEvidence;

/** @public */
export type UpgradeFinding = Api.UpgradeFinding;

/**
 * A server-side dry run of a manifest the plan applies.
 *
 * @public
 */
export type UpgradeDryRun = Api.UpgradeDryRun;

/** @public */
export type UpgradePlanStep = Api.UpgradePlanStep;

/** @public */
export type UpgradePlan = Api.UpgradePlan;

/**
 * `GET /upgrades/:cluster?target=1.xx`: what blocks an upgrade to the target, and how it is done.
 *
 * @public
 */
export type UpgradeReport = Api.UpgradeReport;

/** @public */
export type FleetUpgradeRow = Api.FleetUpgradeRow;

/**
 * `GET /upgrades`: every cluster against its next minor.
 *
 * @public
 */
export type FleetUpgradesResponse = Api.FleetUpgrades;
