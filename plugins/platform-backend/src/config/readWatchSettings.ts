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

import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** Watches of the health engine's change-driven refresh (`platform.health.watch`). */
export interface WatchSettings {
  enabled: boolean;
  /** Watch connections to one cluster's API server (one per watched kind). */
  maxConnectionsPerCluster: number;
  /** Watch connections over the whole fleet. */
  maxConnections: number;
  /** A burst of changes within this window makes one re-evaluation. */
  debounceMs: number;
  idleTimeoutSeconds: number;
  watchTimeoutSeconds: number;
  maxBackoffSeconds: number;
  notServedRetrySeconds: number;
}

/** The defaults, as the README states them. */
export const WATCH_DEFAULTS: Omit<WatchSettings, 'enabled'> = {
  maxConnectionsPerCluster: 10,
  maxConnections: 2000,
  debounceMs: 250,
  idleTimeoutSeconds: 90,
  watchTimeoutSeconds: 300,
  maxBackoffSeconds: 30,
  notServedRetrySeconds: 600,
};

/** Reads `platform.health.watch`; an invalid value is refused naming its key. */
export function readWatchSettings(config: Config): WatchSettings {
  const read = (name: keyof typeof WATCH_DEFAULTS, integer = true) => {
    const key = `platform.health.watch.${name}`;
    const value = config.getOptionalNumber(key) ?? WATCH_DEFAULTS[name];
    if (!(value > 0) || (integer && !Number.isInteger(value))) {
      throw new InputError(
        `Invalid config at ${key}: ${value} is not a positive ${
          integer ? 'integer' : 'number'
        }`,
      );
    }
    return value;
  };
  const settings: WatchSettings = {
    enabled: config.getOptionalBoolean('platform.health.watch.enabled') ?? true,
    maxConnectionsPerCluster: read('maxConnectionsPerCluster'),
    maxConnections: read('maxConnections'),
    debounceMs: read('debounceMs'),
    idleTimeoutSeconds: read('idleTimeoutSeconds', false),
    watchTimeoutSeconds: read('watchTimeoutSeconds'),
    maxBackoffSeconds: read('maxBackoffSeconds', false),
    notServedRetrySeconds: read('notServedRetrySeconds', false),
  };
  if (settings.maxConnectionsPerCluster > settings.maxConnections) {
    throw new InputError(
      `Invalid config at platform.health.watch.maxConnectionsPerCluster: ${settings.maxConnectionsPerCluster} is more than platform.health.watch.maxConnections (${settings.maxConnections})`,
    );
  }
  return settings;
}
