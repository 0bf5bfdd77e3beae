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

import {
  CacheService,
  CacheServiceOptions,
  CacheServiceSetOptions,
} from '@backstage/backend-plugin-api';
import { durationToMilliseconds, JsonValue } from '@backstage/types';
import { createHash } from 'node:crypto';
import type { Keyv } from '@keyv/redis';

/**
 * A plugin's cache on Redis that never holds a request up: a call Redis does
 * not answer within the deadline (Redis gone, hung or reconnecting) is a
 * miss for a read and nothing for a write or delete, so the plugin goes on
 * without its cache. Keys are those of Backstage's own cache client, so
 * both read the same entries.
 */
export class RedisCacheClient implements CacheService {
  constructor(
    private readonly keyvFor: (defaultTtlMs?: number) => Keyv,
    private readonly options: {
      deadlineMs: number;
      defaultTtlMs?: number;
      onFailure: (operation: string, error: unknown) => void;
    },
    private readonly keyv = keyvFor(options.defaultTtlMs),
  ) {}

  async get<TValue extends JsonValue>(
    key: string,
  ): Promise<TValue | undefined> {
    return this.withDeadline('get', () => this.keyv.get(normalizedKey(key)));
  }

  async set(
    key: string,
    value: JsonValue,
    options: CacheServiceSetOptions = {},
  ): Promise<void> {
    const ttl =
      options.ttl === undefined ? undefined : toMilliseconds(options.ttl);
    await this.withDeadline('set', () =>
      this.keyv.set(normalizedKey(key), value, ttl),
    );
  }

  async delete(key: string): Promise<void> {
    await this.withDeadline('delete', () =>
      this.keyv.delete(normalizedKey(key)),
    );
  }

  withOptions(options: CacheServiceOptions): CacheService {
    return new RedisCacheClient(this.keyvFor, {
      ...this.options,
      defaultTtlMs:
        options.defaultTtl === undefined
          ? this.options.defaultTtlMs
          : toMilliseconds(options.defaultTtl),
    });
  }

  private async withDeadline<T>(
    operation: string,
    call: () => Promise<T>,
  ): Promise<T | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<undefined>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `Redis did not answer within ${this.options.deadlineMs} ms`,
            ),
          ),
        this.options.deadlineMs,
      );
    });
    try {
      return await Promise.race([call(), deadline]);
    } catch (error) {
      this.options.onFailure(operation, error);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }
}

function toMilliseconds(ttl: CacheServiceOptions['defaultTtl']): number {
  return typeof ttl === 'number' ? ttl : durationToMilliseconds(ttl!);
}

/** Backstage's key normalization: base64, or a hash when that is long. */
function normalizedKey(key: string): string {
  const wellFormed = Buffer.from(key).toString('base64');
  return wellFormed.length < 200
    ? wellFormed
    : createHash('sha256').update(key).digest('base64');
}
