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

import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import KeyvRedis, { createClient, Keyv } from '@keyv/redis';
import { RedisCacheClient } from './RedisCacheClient';

/** A Redis call that takes longer than this is a miss: the request goes on without the cache. */
const COMMAND_DEADLINE_MS = 3_000;
/** Reconnect attempts back off to at most this, and never stop. */
const MAX_RECONNECT_DELAY_MS = 2_000;
/** One log line per this long while Redis is failing, not one per request. */
const FAILURE_LOG_INTERVAL_MS = 30_000;

/**
 * One Redis client for every plugin's cache: it listens for the client's
 * errors, reconnects with a bounded backoff for as long as it takes, and
 * fails commands at once while disconnected; each plugin gets its own
 * namespace on it, as Backstage's cache manager names them.
 */
export class SharedRedis {
  private readonly client: ReturnType<typeof createClient>;
  private readonly clientOptions: ConstructorParameters<typeof KeyvRedis>[1];
  private readonly namespacePrefix: string;
  private readonly defaultTtlMs?: number;
  private lastFailureLogged = 0;

  constructor(config: Config, private readonly logger: LoggerService) {
    const connection = config.get('backend.cache.connection');
    const { socket, ...options } =
      typeof connection === 'string'
        ? { url: connection, socket: undefined }
        : (connection as { url: string; socket?: object });
    this.client = createClient({
      ...options,
      // While disconnected a command fails at once (a cache miss) rather
      // than waiting in a queue until Redis is back.
      disableOfflineQueue: true,
      socket: {
        connectTimeout: COMMAND_DEADLINE_MS,
        reconnectStrategy: retries =>
          Math.min(100 * 2 ** retries, MAX_RECONNECT_DELAY_MS),
        ...socket,
      },
    });
    // Each plugin's store listens to the one client.
    this.client.setMaxListeners(0);
    let connected = false;
    this.client.on('error', error => {
      if (connected) {
        connected = false;
        this.logger.warn(
          `Lost the Redis cache, reconnecting; requests go on without it: ${error}`,
        );
      } else {
        this.logFailure('connect', error);
      }
    });
    this.client.on('ready', () => {
      connected = true;
      this.logger.info('Connected to the Redis cache');
    });
    // Not awaited: until Redis answers, every call is a miss.
    this.client.connect().catch(error => this.logFailure('connect', error));

    const redis = config.getOptionalConfig('backend.cache.redis.client');
    const namespace = redis?.getOptionalString('namespace');
    const separator = redis?.getOptionalString('keyPrefixSeparator') || ':';
    this.namespacePrefix = namespace ? `${namespace}${separator}` : '';
    this.clientOptions = {
      keyPrefixSeparator: separator,
      clearBatchSize: redis?.getOptionalNumber('clearBatchSize'),
      useUnlink: redis?.getOptionalBoolean('useUnlink'),
      noNamespaceAffectsAll: redis?.getOptionalBoolean('noNamespaceAffectsAll'),
      throwOnConnectError: false,
    };
    if (config.has('backend.cache.defaultTtl')) {
      const ttl = config.get('backend.cache.defaultTtl');
      this.defaultTtlMs =
        typeof ttl === 'number'
          ? ttl
          : durationToMilliseconds(
              config.getConfig('backend.cache.defaultTtl').get() as any,
            );
    }
  }

  forPlugin(pluginId: string): RedisCacheClient {
    // One store per plugin (its namespace), all on the one client.
    const store = new KeyvRedis(this.client as any, this.clientOptions);
    store.on('error', (error: unknown) => this.logFailure(pluginId, error));
    const keyvFor = (ttl?: number) =>
      new Keyv({
        namespace: `${this.namespacePrefix}${pluginId}`,
        ttl,
        store,
        emitErrors: false,
        useKeyPrefix: false,
      });
    return new RedisCacheClient(keyvFor, {
      deadlineMs: COMMAND_DEADLINE_MS,
      defaultTtlMs: this.defaultTtlMs,
      onFailure: (operation, error) =>
        this.logFailure(`${pluginId} ${operation}`, error),
    });
  }

  async close(): Promise<void> {
    if (this.client.isOpen) {
      await this.client.disconnect().catch(() => undefined);
    }
  }

  private logFailure(what: string, error: unknown): void {
    const now = Date.now();
    if (now - this.lastFailureLogged >= FAILURE_LOG_INTERVAL_MS) {
      this.lastFailureLogged = now;
      this.logger.warn(
        `Redis cache unavailable (${what}), serving without it: ${error}`,
      );
    }
  }
}
