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
 * Clusters whose Kubernetes API cannot be reached, since when and why; a row
 * exists only while the outage lasts.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('platform_cluster_reachability', table => {
    table.comment('Clusters whose Kubernetes API cannot be reached');
    table.string('cluster', 63).notNullable().primary();
    table.text('endpoint').notNullable();
    table.string('error_class', 16).notNullable();
    table.text('message').notNullable();
    table.string('since', 32).notNullable().comment('ISO 8601');
    table.string('last_attempt_at', 32).notNullable().comment('ISO 8601');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('platform_cluster_reachability');
};
