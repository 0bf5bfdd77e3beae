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

import { appConfigYaml, Sandbox } from '@platform-portal/platform-sandbox';
import { parse } from 'yaml';

/**
 * The secret Alertmanager's webhook is configured with in the suites.
 *
 * @public
 */
export const ALERT_WEBHOOK_SECRET = 'sandbox-alertmanager-webhook-secret';

/**
 * The app-config the sandbox CLI writes for the portal (`yarn sandbox`), with
 * deadlines that hold on a busy test machine and no timed refresh so tests drive the refresh themselves.
 *
 * @public
 */
export function sandboxPlatformConfig(sandbox: Sandbox) {
  const config = parse(appConfigYaml(sandbox));
  return {
    ...config,
    platform: {
      ...config.platform,
      clients: { timeoutMs: 5000, maxRetries: 1 },
      // No watches either: a suite that wants change-driven refresh turns them on.
      health: { refreshIntervalSeconds: 3600, watch: { enabled: false } },
      alerts: { webhook: { secret: ALERT_WEBHOOK_SECRET } },
    },
  };
}
