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

import { createHash } from 'node:crypto';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { DeferredEntity } from '@backstage/plugin-catalog-node';

const hashOf = (entity: DeferredEntity) =>
  createHash('sha256').update(JSON.stringify(entity.entity)).digest('hex');

/**
 * What the provider last gave the catalog, by entity ref, so a pass sends
 * only what changed and removes only what it had emitted.
 */
export class EmittedEntities {
  private readonly hashes = new Map<string, string>();
  private recordedFullPass = false;

  /** Whether a complete pass has been recorded since the provider started. */
  get complete(): boolean {
    return this.recordedFullPass;
  }

  /** The entities that differ from what was last emitted, or are new. */
  changed(entities: DeferredEntity[]): DeferredEntity[] {
    return entities.filter(
      e => this.hashes.get(stringifyEntityRef(e.entity)) !== hashOf(e),
    );
  }

  record(entities: DeferredEntity[]): void {
    for (const e of entities) {
      this.hashes.set(stringifyEntityRef(e.entity), hashOf(e));
    }
  }

  /** Emitted before but not seen in a complete pass: gone upstream. */
  missingFrom(seen: Set<string>): string[] {
    return [...this.hashes.keys()].filter(ref => !seen.has(ref));
  }

  has(ref: string): boolean {
    return this.hashes.has(ref);
  }

  forget(refs: string[]): void {
    refs.forEach(ref => this.hashes.delete(ref));
  }

  /** After a full mutation: exactly these entities are in the catalog. */
  replaceAll(entities: DeferredEntity[]): void {
    this.hashes.clear();
    this.record(entities);
    this.recordedFullPass = true;
  }
}
