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

import { LifecycleService, LoggerService } from '@backstage/backend-plugin-api';
import { PlatformHealthCheck } from '@platform-portal/plugin-platform-node';
import { UpstreamClients } from '../../clients/UpstreamClients';
import {
  ConfiguredCluster,
  HealthSettings,
} from '../../config/readPlatformConfig';
import { WatchSettings } from '../../config/readWatchSettings';
import { HealthEngine } from '../HealthEngine';
import { RecordClusterHealth } from '../healthRecorder';
import { ChangeDrivenRefresh } from './ChangeDrivenRefresh';
import { FleetWatcher } from './FleetWatcher';
import { KindReads } from './KindReads';

/**
 * The health engine, with (unless `platform.health.watch.enabled` is false)
 * informers on every cluster whose changes re-evaluate the layers that read
 * the changed kind, and whose caches serve the checks' reads of those kinds;
 * the change-driven refresh also re-checks the layers an alert names, with
 * watches or without. Watches stop when the backend shuts down.
 */
export function startChangeDrivenRefresh(options: {
  clusters: ConfiguredCluster[];
  clients: UpstreamClients;
  checks: () => PlatformHealthCheck[];
  health: HealthSettings;
  watch: WatchSettings;
  record: RecordClusterHealth;
  logger: LoggerService;
  lifecycle: LifecycleService;
}): {
  engine: HealthEngine;
  refresh: ChangeDrivenRefresh;
  watcher?: FleetWatcher;
} {
  const { clusters, clients, checks, health, watch, record, logger } = options;
  if (!watch.enabled) {
    const engine = new HealthEngine({
      clients,
      clusters,
      checks,
      settings: health,
      logger,
    });
    const refresh = new ChangeDrivenRefresh({
      engine,
      clusters,
      reads: new KindReads(),
      record,
      settings: health,
      debounceMs: watch.debounceMs,
      logger,
    });
    options.lifecycle.addShutdownHook(() => refresh.stop());
    return { engine, refresh };
  }
  const reads = new KindReads();
  let watcher: FleetWatcher | undefined = undefined;
  const engine = new HealthEngine({
    clients,
    clusters,
    checks,
    settings: health,
    logger,
    reads,
    cached: (cluster, apiVersion, kind) =>
      watcher?.cached(cluster, apiVersion, kind),
  });
  const refresh = new ChangeDrivenRefresh({
    engine,
    clusters,
    reads,
    record,
    settings: health,
    debounceMs: watch.debounceMs,
    logger,
  });
  watcher = new FleetWatcher({
    clusters,
    clients,
    settings: watch,
    logger,
    onChange: (cluster, kind) => refresh.kindChanged(cluster, kind),
  });
  watcher.start();
  options.lifecycle.addShutdownHook(async () => {
    await watcher?.stop();
    await refresh.stop();
  });
  return { engine, refresh, watcher };
}
