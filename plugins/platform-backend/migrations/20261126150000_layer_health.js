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
 * Latest verdict per cluster and layer, and every change of verdict.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('platform_layer_health', table => {
    table.comment('Latest health verdict of each layer of each cluster');
    table.string('cluster', 63).notNullable();
    table.string('layer', 63).notNullable();
    table.string('verdict', 16).notNullable();
    table.text('reason').nullable();
    table.text('checks').notNullable().comment('JSON array of check results');
    table.string('observed_at', 32).notNullable().comment('ISO 8601');
    table.primary(['cluster', 'layer']);
  });
  await knex.schema.createTable('platform_layer_history', table => {
    table.comment('Changes of verdict of each layer of each cluster');
    table.bigIncrements('id').primary();
    table.string('cluster', 63).notNullable();
    table.string('layer', 63).notNullable();
    table.string('from_verdict', 16).nullable();
    table.string('to_verdict', 16).notNullable();
    table.text('message').notNullable();
    table.string('changed_at', 32).notNullable().comment('ISO 8601');
    table.index(
      ['cluster', 'changed_at'],
      'platform_layer_history_cluster_idx',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('platform_layer_history');
  await knex.schema.dropTable('platform_layer_health');
};
