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
import { isLayerId, LayerId } from '@platform-portal/plugin-platform-common';

/** Alertmanager's webhook (`platform.alerts.webhook`). */
export interface AlertWebhookConfig {
  /** The shared secret; the webhook is off without it. */
  secret?: string;
  clusterLabel: string;
  layerLabel: string;
  /** Layer of an alert without the layer label, by its `alertname`. */
  alertLayers: ReadonlyMap<string, LayerId>;
}

const KEY = 'platform.alerts.webhook';
const MIN_SECRET_LENGTH = 16;
/** Prometheus label names. */
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function labelName(config: Config, name: string, fallback: string): string {
  const value = config.getOptionalString(`${KEY}.${name}`) ?? fallback;
  if (!LABEL_NAME.test(value)) {
    throw new InputError(
      `Invalid config at ${KEY}.${name}: '${value}' is not a label name`,
    );
  }
  return value;
}

/** Reads `platform.alerts.webhook`; an invalid value is refused naming its key, never quoting the secret. */
export function readAlertWebhookConfig(config: Config): AlertWebhookConfig {
  const secret = config.getOptionalString(`${KEY}.secret`);
  if (secret !== undefined && secret.trim().length < MIN_SECRET_LENGTH) {
    throw new InputError(
      `Invalid config at ${KEY}.secret: it must be at least ${MIN_SECRET_LENGTH} characters`,
    );
  }
  const alertLayers = new Map<string, LayerId>();
  const byName = config.getOptionalConfig(`${KEY}.alertLayers`);
  for (const alertname of byName?.keys() ?? []) {
    const layer = byName!.getString(alertname);
    if (!isLayerId(layer)) {
      throw new InputError(
        `Invalid config at ${KEY}.alertLayers.${alertname}: '${layer}' is not a layer id`,
      );
    }
    alertLayers.set(alertname, layer);
  }
  return {
    secret,
    clusterLabel: labelName(config, 'clusterLabel', 'cluster'),
    layerLabel: labelName(config, 'layerLabel', 'layer'),
    alertLayers,
  };
}
