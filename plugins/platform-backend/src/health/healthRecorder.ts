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
import {
  HealthStateChange,
  LayerHealth,
} from '@platform-portal/plugin-platform-common';
import { HealthStore, UnreachableObservation } from '../store/HealthStore';

/** Stores one cluster's evaluation, however it was triggered. */
export type RecordClusterHealth = (
  cluster: string,
  layers: LayerHealth[],
  unreachable: UnreachableObservation | undefined,
  /** When the evaluation's upstream reads began: an older result is discarded. */
  evaluationStartedAt: string,
) => Promise<void>;

/**
 * Stores a cluster's layers, logs each change of verdict and tells
 * `onChanged` (open pages) when any verdict changed: the poll, a watch event
 * and an alert all go through here. A result older than the stored one
 * changes nothing, so it announces nothing.
 */
export function healthRecorder(options: {
  store: HealthStore;
  logger: LoggerService;
  onChanged?: (cluster: string, changes: HealthStateChange[]) => Promise<void>;
}): RecordClusterHealth {
  const { store, logger, onChanged } = options;
  return async (cluster, layers, outage, evaluationStartedAt) => {
    const changes = await store.saveCluster(
      cluster,
      layers,
      outage,
      evaluationStartedAt,
    );
    if (outage) {
      logger.warn(
        `Kubernetes API of ${cluster} cannot be reached (${outage.errorClass}); its layers keep their last known verdicts`,
      );
    }
    for (const change of changes) {
      logger.info(
        `Platform health of ${cluster}/${change.layer}: ${
          change.from ?? 'none'
        } -> ${change.to}`,
      );
    }
    if (changes.length > 0 && onChanged) {
      try {
        await onChanged(cluster, changes);
      } catch (error) {
        // Pages fall back on their next load; the verdict is stored.
        logger.warn(
          `Could not announce the health change of ${cluster}: ${
            (error as Error).message
          }`,
        );
      }
    }
  };
}
