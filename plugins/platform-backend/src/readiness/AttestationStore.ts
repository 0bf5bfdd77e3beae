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

import { DatabaseService } from '@backstage/backend-plugin-api';
import { BuildOutAttestation } from '@platform-portal/plugin-platform-common';
import { Knex } from 'knex';
import { migratedClient } from '../store/migratedClient';

const TABLE = 'platform_build_out_attestations';

interface AttestationRow {
  id?: number;
  cluster: string;
  step: number;
  attested_by: string;
  attested_at: string;
  note: string | null;
}

function fromRow(row: AttestationRow): BuildOutAttestation {
  return {
    cluster: row.cluster,
    step: Number(row.step),
    attestedBy: row.attested_by,
    attestedAt: row.attested_at,
    ...(row.note ? { note: row.note } : {}),
  };
}

/** Who attested which build-out step on which cluster, in the plugin's database. */
export class AttestationStore {
  static async create(database: DatabaseService): Promise<AttestationStore> {
    const knex = await migratedClient(database);
    return new AttestationStore(knex);
  }

  constructor(private readonly knex: Knex) {}

  async add(attestation: BuildOutAttestation): Promise<BuildOutAttestation> {
    await this.knex<AttestationRow>(TABLE).insert({
      cluster: attestation.cluster,
      step: attestation.step,
      attested_by: attestation.attestedBy,
      attested_at: attestation.attestedAt,
      note: attestation.note ?? null,
    });
    return attestation;
  }

  /** The latest attestation of each step, for one cluster or all of them. */
  async latest(cluster?: string): Promise<BuildOutAttestation[]> {
    const query = this.knex<AttestationRow>(TABLE)
      .select('*')
      .orderBy([
        { column: 'attested_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    if (cluster) {
      query.where({ cluster });
    }
    const latest = new Map<string, BuildOutAttestation>();
    for (const row of await query) {
      latest.set(`${row.cluster}/${row.step}`, fromRow(row));
    }
    return [...latest.values()];
  }
}
