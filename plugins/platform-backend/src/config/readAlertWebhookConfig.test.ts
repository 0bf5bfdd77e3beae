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

import { ConfigReader } from '@backstage/config';
import { readAlertWebhookConfig } from './readAlertWebhookConfig';

const read = (webhook: object) =>
  readAlertWebhookConfig(
    new ConfigReader({ platform: { alerts: { webhook } } }),
  );

describe('readAlertWebhookConfig', () => {
  it('defaults the labels and is off without a secret', () => {
    expect(read({})).toEqual({
      secret: undefined,
      clusterLabel: 'cluster',
      layerLabel: 'layer',
      alertLayers: new Map(),
    });
  });

  it('refuses a short secret naming the key, without quoting it', () => {
    expect(() => read({ secret: 'hunter2' })).toThrow(
      /^Invalid config at platform\.alerts\.webhook\.secret: it must be at least 16 characters$/,
    );
  });

  it('refuses a label that is no Prometheus label name', () => {
    expect(() => read({ clusterLabel: 'k8s-cluster' })).toThrow(
      "Invalid config at platform.alerts.webhook.clusterLabel: 'k8s-cluster' is not a label name",
    );
  });

  it('refuses an alertname mapped to no layer, and reads the others', () => {
    expect(() => read({ alertLayers: { NodeDown: 'nodes' } })).toThrow(
      "Invalid config at platform.alerts.webhook.alertLayers.NodeDown: 'nodes' is not a layer id",
    );
    expect(read({ alertLayers: { NodeDown: 'hardware' } }).alertLayers).toEqual(
      new Map([['NodeDown', 'hardware']]),
    );
  });
});
