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

import { CacheService } from '@backstage/backend-plugin-api';
import { JsonValue } from '@backstage/types';

/**
 * A read-through cache shared by every viewer: the key names what is read
 * upstream (never who asks), so N viewers of a page cost one upstream call
 * per TTL. Concurrent misses on one key share the same call. Failures are not
 * cached, so a recovered upstream shows at the next view.
 */
export class SharedReadCache {
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(
    private readonly cache: CacheService,
    private readonly ttlMs: number,
  ) {}

  /** `T` must be plain JSON: it is stored in the shared cache (e.g. Redis). */
  async read<T>(key: string, load: () => Promise<T>): Promise<T> {
    const cached = await this.cache.get(key);
    if (cached !== undefined) {
      return cached as T;
    }
    const pending = this.inFlight.get(key);
    if (pending) {
      return (await pending) as T;
    }
    const loading = (async () => {
      const value = await load();
      await this.cache.set(key, value as unknown as JsonValue, {
        ttl: this.ttlMs,
      });
      return value;
    })();
    this.inFlight.set(key, loading);
    try {
      return await loading;
    } finally {
      this.inFlight.delete(key);
    }
  }
}
