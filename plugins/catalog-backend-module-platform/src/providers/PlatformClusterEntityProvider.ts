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

import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { ClusterAccessService } from '@platform-portal/plugin-platform-node';
import { clusterEntity, ClusterLinkTargets } from '../lib/clusterEntity';
import { readFleet } from '../lib/readFleet';

export const REFRESH_TASK_ID = 'platform-clusters-entity-provider';

/**
 * Ingests the platform's clusters as `Resource` entities of type
 * `kubernetes-cluster` with full mutations, so deleted clusters leave the
 * catalog. Unchanged entities are not rewritten: the catalog compares each
 * entity with what it stored.
 */
export class PlatformClusterEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  constructor(
    private readonly options: {
      access: ClusterAccessService;
      logger: LoggerService;
      timeoutMs: number;
      links?: ClusterLinkTargets;
      /** When given, `connect` schedules the refresh every 5 minutes. */
      scheduler?: SchedulerService;
    },
  ) {}

  getProviderName(): string {
    return 'PlatformClusterEntityProvider';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.options.scheduler?.scheduleTask({
      id: REFRESH_TASK_ID,
      frequency: { minutes: 5 },
      timeout: { minutes: 2 },
      fn: () => this.refresh(),
    });
  }

  async refresh(): Promise<void> {
    if (!this.connection) {
      throw new Error(`${this.getProviderName()} is not connected yet`);
    }
    const location = `platform-clusters:${this.getProviderName()}`;
    const records = await readFleet(this.options.access, {
      timeoutMs: this.options.timeoutMs,
      onNodesUnreadable: (cluster, error) =>
        this.options.logger.warn(
          `Cluster ${cluster}: nodes not readable for the catalog, version and counts left out: ${error.message}`,
        ),
    });
    await this.connection.applyMutation({
      type: 'full',
      entities: records.map(record => ({
        entity: clusterEntity(record, location, this.options.links),
        locationKey: location,
      })),
    });
    this.options.logger.info(`Ingested ${records.length} platform clusters`);
  }
}
