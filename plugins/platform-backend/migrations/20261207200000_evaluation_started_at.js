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

// @ts-check

/**
 * When the evaluation behind a stored layer (or outage) began reading its
 * upstreams: a result replaces a row only when its evaluation began later,
 * so a slow refresh cannot overwrite what a newer one already saw.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  for (const name of [
    'platform_layer_health',
    'platform_cluster_reachability',
  ]) {
    await knex.schema.alterTable(name, table => {
      table
        .string('evaluation_started_at', 32)
        .nullable()
        .comment('ISO 8601; null: stored before this was recorded');
    });
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const name of [
    'platform_layer_health',
    'platform_cluster_reachability',
  ]) {
    await knex.schema.alterTable(name, table => {
      table.dropColumn('evaluation_started_at');
    });
  }
};
