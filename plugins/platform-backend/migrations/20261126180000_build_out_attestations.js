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
 * Attestations of build-out steps no API can verify: who said a step is done
 * on a cluster, and when. Every attestation is kept; the latest one counts.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('platform_build_out_attestations', table => {
    table.comment('Attestations of build-out steps, one row per attestation');
    table.bigIncrements('id').primary();
    table.string('cluster', 63).notNullable();
    table.integer('step').notNullable().comment('Build-out step, 1-50');
    table
      .string('attested_by', 255)
      .notNullable()
      .comment('User entity ref of the person who attested');
    table.string('attested_at', 32).notNullable().comment('ISO 8601');
    table.text('note').nullable();
    table.index(['cluster', 'step'], 'platform_build_out_attestations_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('platform_build_out_attestations');
};
