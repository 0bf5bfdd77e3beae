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

import { grafanaDashboardUrl, grafanaExploreUrl } from './grafanaUrls';

describe('grafanaDashboardUrl', () => {
  it('links a dashboard with its variables, one var- per value', () => {
    const url = new URL(
      grafanaDashboardUrl('https://grafana.example/', 'k8s-cluster', {
        vars: { cluster: 'prod-eu-1', namespace: ['a', 'b'] },
      }),
    );
    expect(url.pathname).toBe('/d/k8s-cluster');
    expect(url.searchParams.get('orgId')).toBe('1');
    expect(url.searchParams.get('from')).toBe('now-6h');
    expect(url.searchParams.get('var-cluster')).toBe('prod-eu-1');
    expect(url.searchParams.getAll('var-namespace')).toEqual(['a', 'b']);
  });
});

describe('grafanaExploreUrl', () => {
  it('encodes one pane with the query and range, decodable back to the same JSON', () => {
    const url = new URL(
      grafanaExploreUrl(
        'https://grafana.example',
        {
          datasource: { type: 'loki', uid: 'loki-uid' },
          expr: '{namespace="payments", app="payments-api"}',
          queryType: 'range',
        },
        { range: { from: 'now-30m', to: 'now' } },
      ),
    );
    expect(url.pathname).toBe('/explore');
    expect(url.searchParams.get('schemaVersion')).toBe('1');
    const panes = JSON.parse(url.searchParams.get('panes')!);
    expect(panes).toEqual({
      a1: {
        datasource: 'loki-uid',
        queries: [
          {
            refId: 'A',
            datasource: { type: 'loki', uid: 'loki-uid' },
            expr: '{namespace="payments", app="payments-api"}',
            queryType: 'range',
          },
        ],
        range: { from: 'now-30m', to: 'now' },
      },
    });
  });
});
