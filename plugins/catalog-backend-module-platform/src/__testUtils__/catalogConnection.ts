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

import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import { mockServices } from '@backstage/backend-test-utils';
import { Sandbox } from '@platform-portal/platform-sandbox';
import {
  ConfigClusterAccessService,
  readClusterConnections,
} from '@platform-portal/plugin-platform-node';

/**
 * A provider's view of the catalog: what its mutations leave there, as the
 * catalog applies full and delta mutations, and each mutation in order.
 */
export class CatalogConnection implements EntityProviderConnection {
  readonly entities = new Map<string, Entity>();
  readonly mutations: EntityProviderMutation[] = [];
  /** Runs before each mutation is applied, e.g. to look at the upstream then. */
  onMutation?: (mutation: EntityProviderMutation) => Promise<void>;

  async applyMutation(mutation: EntityProviderMutation): Promise<void> {
    await this.onMutation?.(mutation);
    this.mutations.push(mutation);
    if (mutation.type === 'full') {
      this.entities.clear();
      for (const e of mutation.entities) {
        this.entities.set(stringifyEntityRef(e.entity), e.entity);
      }
      return;
    }
    for (const e of mutation.added) {
      this.entities.set(stringifyEntityRef(e.entity), e.entity);
    }
    for (const r of mutation.removed) {
      this.entities.delete(
        'entityRef' in r ? r.entityRef : stringifyEntityRef(r.entity),
      );
    }
  }

  async refresh(): Promise<void> {}

  names(): string[] {
    return [...this.entities.values()].map(e => e.metadata.name).sort();
  }

  entity(name: string): Entity | undefined {
    return [...this.entities.values()].find(e => e.metadata.name === name);
  }
}

/**
 * `platform.clusters` for a sandbox fleet: the clusters Cluster API does not
 * manage (the management cluster and static ones), as production lists them.
 */
export function sandboxClusterConfig(
  sandbox: Sandbox,
  caOf: (cluster: string) => string = name => sandbox.caData(name),
) {
  return sandbox.fleetSpec.clusters
    .filter(c => c.provisioner !== 'cluster-api')
    .map(c => ({
      name: c.name,
      provisioner: c.provisioner,
      environment: c.environment,
      region: c.region,
      management: c.environment === 'management',
      kubernetes: {
        url: sandbox.kubernetesUrl(c.name),
        caData: caOf(c.name),
        token: sandbox.credentials.kubernetes[c.name].reader,
      },
    }));
}

/** Cluster access as the portal has it; `caOf` picks the CA each cluster is configured with. */
export function sandboxAccess(
  sandbox: Sandbox,
  caOf?: (cluster: string) => string,
) {
  return new ConfigClusterAccessService(
    readClusterConnections(
      mockServices.rootConfig({
        data: { platform: { clusters: sandboxClusterConfig(sandbox, caOf) } },
      }),
    ),
  );
}
