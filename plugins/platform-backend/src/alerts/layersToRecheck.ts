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

import { isLayerId, LayerId } from '@platform-portal/plugin-platform-common';
import { AlertWebhookConfig } from '../config/readAlertWebhookConfig';
import { WebhookAlert } from './alertmanagerPayload';

/** What a notification asks to re-check, and what it named that the portal does not know. */
export interface AlertedLayers {
  /** Layers to re-check, by cluster. */
  byCluster: Map<string, Set<LayerId>>;
  /** Alerts without a configured cluster in their cluster label. */
  unknownCluster: number;
  /** Alerts of a known cluster without a layer label or a mapped `alertname`. */
  unknownLayer: number;
}

/**
 * Maps each alert to (cluster, layer): the cluster from the configured
 * label, the layer from the layer label, else from the `alertname` map.
 * Firing and resolved alerts alike: either may change the verdict.
 */
export function layersToRecheck(
  alerts: WebhookAlert[],
  config: AlertWebhookConfig,
  clusters: ReadonlySet<string>,
): AlertedLayers {
  const result: AlertedLayers = {
    byCluster: new Map(),
    unknownCluster: 0,
    unknownLayer: 0,
  };
  for (const { labels } of alerts) {
    const cluster = labels[config.clusterLabel];
    if (!cluster || !clusters.has(cluster)) {
      result.unknownCluster++;
      continue;
    }
    const named = labels[config.layerLabel];
    const layer = isLayerId(named)
      ? named
      : config.alertLayers.get(labels.alertname ?? '');
    if (!layer) {
      result.unknownLayer++;
      continue;
    }
    const layers = result.byCluster.get(cluster) ?? new Set<LayerId>();
    layers.add(layer);
    result.byCluster.set(cluster, layers);
  }
  return result;
}
