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

import {
  grafanaDashboardUrl,
  grafanaExploreUrl,
  logqlForApp,
  lokiAppLogsUrl,
  tempoServiceTracesUrl,
  tempoTraceUrl,
  TRACE_ID_PATTERN,
  traceqlForService,
} from './grafanaUrls';

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

describe('telemetry links', () => {
  const decode = (link: string) => {
    const url = new URL(link);
    expect(url.pathname).toBe('/grafana/explore');
    expect(url.searchParams.get('schemaVersion')).toBe('1');
    const panes = JSON.parse(url.searchParams.get('panes')!);
    expect(Object.keys(panes)).toHaveLength(1);
    return Object.values(panes)[0] as any;
  };
  const target = {
    baseUrl: 'https://portal.example/grafana/',
    datasourceUid: 'tempo',
    range: { from: '1764170000000', to: '1764173600000' },
  };

  it("opens Tempo on the service's TraceQL over the given range", () => {
    const pane = decode(tempoServiceTracesUrl(target, 'payments-api'));
    expect(pane.datasource).toBe('tempo');
    expect(pane.range).toEqual({ from: '1764170000000', to: '1764173600000' });
    expect(pane.queries).toEqual([
      expect.objectContaining({
        refId: 'A',
        datasource: { type: 'tempo', uid: 'tempo' },
        queryType: 'traceql',
        query: '{ resource.service.name = "payments-api" }',
      }),
    ]);
  });

  it('quotes a service name TraceQL would otherwise misread', () => {
    expect(traceqlForService('a"b')).toBe(
      '{ resource.service.name = "a\\"b" }',
    );
  });

  it('opens one trace by id, last hour by default', () => {
    const pane = decode(
      tempoTraceUrl(
        { ...target, range: undefined },
        '4bf92f3577b34da6a3ce929d0e0e4736',
      ),
    );
    expect(pane.range).toEqual({ from: 'now-1h', to: 'now' });
    expect(pane.queries[0]).toMatchObject({
      datasource: { type: 'tempo', uid: 'tempo' },
      query: '4bf92f3577b34da6a3ce929d0e0e4736',
    });
  });

  it("opens Loki on the app's streams in its namespace", () => {
    const pane = decode(
      lokiAppLogsUrl(
        { ...target, datasourceUid: 'loki' },
        { app: 'payments-api', namespace: 'payments' },
      ),
    );
    expect(pane.datasource).toBe('loki');
    expect(pane.queries[0]).toMatchObject({
      datasource: { type: 'loki', uid: 'loki' },
      expr: '{namespace="payments", app="payments-api"}',
      queryType: 'range',
    });
    expect(logqlForApp('web')).toBe('{app="web"}');
  });

  it('finds trace ids the way logs print them', () => {
    const line =
      'level=info msg="request served" traceID=4bf92f3577b34da6a3ce929d0e0e4736 trace_id=00f067aa0ba902b7';
    expect([...line.matchAll(TRACE_ID_PATTERN)].map(m => m[1])).toEqual([
      '4bf92f3577b34da6a3ce929d0e0e4736',
      '00f067aa0ba902b7',
    ]);
  });
});
