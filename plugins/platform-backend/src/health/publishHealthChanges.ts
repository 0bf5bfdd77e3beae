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

import { JsonObject } from '@backstage/types';
import {
  HEALTH_SIGNAL_CHANNEL,
  HealthSignal,
  HealthStateChange,
} from '@platform-portal/plugin-platform-common';
import { SignalsService } from '@backstage/plugin-signals-node';

export { HEALTH_SIGNAL_CHANNEL };

/**
 * Tells every open page (on every replica, through the events backend) that
 * a cluster's stored verdicts changed, and which: the message carries layer
 * names and verdicts only, never evidence, so it may go to everyone.
 */
export function publishHealthChanges(signals: SignalsService) {
  return async (cluster: string, changes: HealthStateChange[]) => {
    const message: HealthSignal & JsonObject = {
      cluster,
      changes: changes.map(c => ({
        layer: c.layer,
        from: c.from ?? null,
        to: c.to,
        changedAt: c.changedAt,
      })),
    };
    await signals.publish({
      recipients: { type: 'broadcast' },
      channel: HEALTH_SIGNAL_CHANNEL,
      message,
    });
  };
}
