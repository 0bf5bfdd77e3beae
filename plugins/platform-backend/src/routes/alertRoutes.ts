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

import { AuthenticationError, NotFoundError } from '@backstage/errors';
import { LayerId } from '@platform-portal/plugin-platform-common';
import { createHash, timingSafeEqual } from 'node:crypto';
import express from 'express';
import { parseWebhookNotification } from '../alerts/alertmanagerPayload';
import { layersToRecheck } from '../alerts/layersToRecheck';
import { AlertWebhookConfig } from '../config/readAlertWebhookConfig';
import { PlatformApiRouter } from './PlatformApiRouter';

/** The path Alertmanager posts to, open to callers without a Backstage token. */
export const ALERTS_PATH = '/alerts';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Whether the request carries `Bearer <secret>`, compared in constant time. */
function carriesSecret(req: express.Request, secret: string): boolean {
  const header = req.header('authorization') ?? '';
  // Digests have one length, so the comparison says nothing of the secret's.
  return timingSafeEqual(digest(header), digest(`Bearer ${secret}`));
}

/**
 * POST /alerts: Alertmanager's webhook. The payload is checked first (a 400
 * names the field), then the shared secret (401); the re-checks of the
 * layers the alerts name run after the 202.
 */
export function alertRoutes(
  router: PlatformApiRouter,
  options: {
    config: AlertWebhookConfig;
    clusters: string[];
    recheck: (cluster: string, layers: Iterable<LayerId>) => void;
  },
) {
  const { config, recheck } = options;
  const clusters = new Set(options.clusters);
  router.post(ALERTS_PATH, async (req, res) => {
    if (!config.secret) {
      throw new NotFoundError(
        'The Alertmanager webhook is off: platform.alerts.webhook.secret is not configured',
      );
    }
    const notification = parseWebhookNotification(req.body);
    if (!carriesSecret(req, config.secret)) {
      throw new AuthenticationError(
        "Missing or wrong webhook credentials: send 'Authorization: Bearer' with the secret of platform.alerts.webhook.secret",
      );
    }
    const wanted = layersToRecheck(notification.alerts, config, clusters);
    for (const [cluster, layers] of wanted.byCluster) {
      recheck(cluster, layers);
    }
    res.status(202).json({
      alerts: notification.alerts.length,
      rechecked: [...wanted.byCluster].map(([cluster, layers]) => ({
        cluster,
        layers: [...layers],
      })),
      ignored: {
        unknownCluster: wanted.unknownCluster,
        unknownLayer: wanted.unknownLayer,
      },
    });
  });
}
