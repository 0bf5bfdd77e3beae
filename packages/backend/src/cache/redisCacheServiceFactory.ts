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
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { CacheManager } from '@backstage/backend-defaults/cache';
import { SharedRedis } from './SharedRedis';

/**
 * The cache service with backend.cache.store `redis` on one Redis client
 * that survives Redis going away: it listens for the client's errors (the
 * store Backstage builds does not, so the first dropped connection is an
 * uncaught exception and the client never reconnects), reconnects for as
 * long as it takes, fails commands at once while disconnected instead of
 * queueing them, and bounds every call. Other stores (and Redis cluster)
 * are Backstage's own.
 */
export const redisCacheServiceFactory = createServiceFactory({
  service: coreServices.cache,
  deps: {
    config: coreServices.rootConfig,
    logger: coreServices.rootLogger,
    lifecycle: coreServices.rootLifecycle,
    plugin: coreServices.pluginMetadata,
  },
  async createRootContext({ config, logger, lifecycle }) {
    if (
      config.getOptionalString('backend.cache.store') !== 'redis' ||
      config.has('backend.cache.redis.cluster')
    ) {
      const manager = CacheManager.fromConfig(config, { logger });
      return (pluginId: string) => manager.forPlugin(pluginId);
    }
    const redis = new SharedRedis(config, logger);
    lifecycle.addShutdownHook(() => redis.close());
    return (pluginId: string) => redis.forPlugin(pluginId);
  },
  async factory({ plugin }, forPlugin) {
    return forPlugin(plugin.getId());
  },
});
