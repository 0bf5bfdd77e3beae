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

import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { UpstreamClients } from '../../clients/UpstreamClients';
import { UpstreamPolicies } from '../../clients/resilience/UpstreamPolicies';
import { readPlatformConfig } from '../../config/readPlatformConfig';
import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { checkContext } from '../../__testUtils__/checkContext';
import { artifactsChecks } from './artifacts';
import { cicdChecks } from './cicd';
import { externalLbChecks } from './externalLb';

const server = setupServer();
registerMswTestHooks(server);

const HEADER =
  '# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,wretr,wredis,status,weight,act,bck,chkfail,chkdown,lastchg,downtime,qlimit,pid,iid,sid,throttle,lbtot,tracked,type,rate,rate_lim,rate_max,check_status,';

function csvRow(pxname: string, svname: string, status: string, check = '') {
  const cells = Array(38).fill('');
  cells[0] = pxname;
  cells[1] = svname;
  cells[17] = status;
  cells[36] = check;
  return `${cells.join(',')},`;
}

function clients(upstreams: JsonObject) {
  return new UpstreamClients(
    readPlatformConfig(new ConfigReader({ platform: { upstreams } })),
    new UpstreamPolicies({ maxRetries: 0, timeoutMs: 1000 }),
  );
}

const lbClients = clients({
  haproxy: { url: 'http://lb.test/haproxy/{cluster}' },
  keepalived: { url: 'http://lb.test/keepalived/{cluster}' },
});
const [haproxy, keepalived] = externalLbChecks(lbClients);

describe('external-lb.haproxy-servers', () => {
  it('reads the stats of its own cluster and is ok when every server is UP', async () => {
    server.use(
      http.get('http://lb.test/haproxy/test-1/stats;csv', () =>
        HttpResponse.text(
          [
            HEADER,
            csvRow('k8s-api', 'FRONTEND', 'OPEN'),
            csvRow('k8s-api-be', 'cp-1', 'UP', 'L4OK'),
            csvRow('k8s-api-be', 'BACKEND', 'UP'),
          ].join('\n'),
        ),
      ),
    );
    expect((await haproxy.run(checkContext({}))).verdict).toBe('ok');
  });

  it('is critical with the DOWN server and its check status as evidence', async () => {
    server.use(
      http.get('http://lb.test/haproxy/test-1/stats;csv', () =>
        HttpResponse.text(
          [
            HEADER,
            csvRow('k8s-api-be', 'cp-1', 'UP', 'L4OK'),
            csvRow('k8s-api-be', 'cp-2', 'DOWN', 'L4CON'),
            csvRow('k8s-api-be', 'BACKEND', 'UP'),
          ].join('\n'),
        ),
      ),
    );
    const result = await haproxy.run(checkContext({}));
    expect(result.verdict).toBe('critical');
    expect(result.evidence).toEqual([
      expect.objectContaining({
        object: 'haproxy/k8s-api-be/cp-2',
        value: 'DOWN (L4CON)',
      }),
    ]);
  });
});

describe('external-lb.keepalived-master', () => {
  const nodes = (...states: string[]) =>
    states.map((state, i) => ({
      host: `lb-${i + 1}`,
      instance: 'VI_1',
      state,
      vip: '10.0.0.5',
    }));

  it.each([
    [['MASTER', 'BACKUP'], 'ok'],
    [['MASTER', 'MASTER'], 'critical'],
    [['BACKUP', 'BACKUP'], 'critical'],
    [['FAULT', 'MASTER'], 'warning'],
  ])('%j is %s', async (states, verdict) => {
    server.use(
      http.get('http://lb.test/keepalived/test-1/nodes', () =>
        HttpResponse.json(nodes(...states)),
      ),
    );
    expect((await keepalived.run(checkContext({}))).verdict).toBe(verdict);
  });

  it('is unknown, naming the key to set, when Keepalived is not configured', async () => {
    const [, unconfigured] = externalLbChecks(clients({}));
    const result = await unconfigured.run(checkContext({}));
    expect(result.verdict).toBe('unknown');
    expect(result.message).toContain('platform.upstreams.keepalived.url');
  });
});

describe('artifacts.nexus', () => {
  const [nexus] = artifactsChecks(
    clients({
      nexus: { url: 'http://nexus.test', username: 'admin', password: 'pw' },
    }),
  );
  const base = 'http://nexus.test/service/rest/v1';

  function nexusAnswers(options: {
    writable: boolean;
    availableSpaceInBytes: number;
  }) {
    server.use(
      http.get(
        `${base}/status/writable`,
        () => new HttpResponse(null, { status: options.writable ? 200 : 503 }),
      ),
      http.get(`${base}/status/check`, ({ request }) =>
        request.headers.get('authorization') ===
        `Basic ${Buffer.from('admin:pw').toString('base64')}`
          ? HttpResponse.json({
              'Blob Stores': { healthy: options.availableSpaceInBytes > 0 },
            })
          : new HttpResponse(null, { status: 401 }),
      ),
      http.get(`${base}/blobstores`, () =>
        HttpResponse.json([
          {
            name: 'default',
            availableSpaceInBytes: options.availableSpaceInBytes,
            softQuota: { type: 'spaceRemainingQuota', limit: 1000 },
          },
        ]),
      ),
    );
  }

  it('is ok when writable with space left', async () => {
    nexusAnswers({ writable: true, availableSpaceInBytes: 10_000 });
    expect((await nexus.run(checkContext({}))).verdict).toBe('ok');
  });

  it('is critical in read-only mode', async () => {
    nexusAnswers({ writable: false, availableSpaceInBytes: 10_000 });
    const result = await nexus.run(checkContext({}));
    expect(result.verdict).toBe('critical');
    expect(result.evidence[0]).toMatchObject({
      object: 'nexus/status/writable',
      value: '503',
    });
  });

  it('is critical when a blob store is below its soft quota', async () => {
    nexusAnswers({ writable: true, availableSpaceInBytes: 0 });
    const result = await nexus.run(checkContext({}));
    expect(result.verdict).toBe('critical');
    expect(result.evidence.map(e => e.object)).toContain(
      'nexus/blobstores/default',
    );
  });
});

describe('cicd.runners', () => {
  const [runners] = cicdChecks(
    clients({ gitlab: { url: 'http://gitlab.test', token: 'glpat-x' } }),
  );

  function runnerList(status: string) {
    server.use(
      http.get('http://gitlab.test/api/v4/runners/all', ({ request }) =>
        request.headers.get('private-token') === 'glpat-x'
          ? HttpResponse.json([
              {
                id: 1,
                description: 'test-1 kubernetes runner',
                status,
                paused: false,
              },
              {
                id: 2,
                description: 'test-10 kubernetes runner',
                status: 'online',
                paused: false,
              },
              {
                id: 3,
                description: 'legacy runner',
                status: 'offline',
                paused: true,
              },
            ])
          : HttpResponse.json({ message: '401 Unauthorized' }, { status: 401 }),
      ),
    );
  }

  it("is ok when the cluster's runner is online, ignoring other clusters' runners", async () => {
    runnerList('online');
    expect((await runners.run(checkContext({}))).verdict).toBe('ok');
  });

  it.each(['offline', 'stale'])('warns when the runner is %s', async status => {
    runnerList(status);
    const result = await runners.run(checkContext({}));
    expect(result.verdict).toBe('warning');
    expect(result.evidence).toEqual([
      expect.objectContaining({
        object: 'gitlab/runners/1',
        value: expect.stringContaining(status),
      }),
    ]);
  });
});

describe('cicd.default-branch-pipelines', () => {
  const [, pipelines] = cicdChecks(
    clients({ gitlab: { url: 'http://gitlab.test', token: 'glpat-x' } }),
  );
  const deployed = {
    Deployment: [
      {
        kind: 'Deployment',
        metadata: {
          name: 'api',
          namespace: 'payments',
          labels: { 'backstage.io/kubernetes-id': 'payments-api' },
        },
      },
    ],
  };

  function gitlab(statuses: string[]) {
    server.use(
      http.get('http://gitlab.test/api/v4/projects', ({ request }) =>
        HttpResponse.json(
          new URL(request.url).searchParams.get('search') === 'payments-api'
            ? [
                {
                  id: 7,
                  path: 'payments-api',
                  path_with_namespace: 'team-payments/payments-api',
                  default_branch: 'main',
                },
                {
                  id: 8,
                  path: 'payments-api-docs',
                  path_with_namespace: 'team-payments/payments-api-docs',
                  default_branch: 'main',
                },
              ]
            : [],
        ),
      ),
      http.get(
        'http://gitlab.test/api/v4/projects/7/pipelines',
        ({ request }) =>
          new URL(request.url).searchParams.get('ref') === 'main'
            ? HttpResponse.json(
                statuses.map((status, i) => ({
                  id: 100 - i,
                  status,
                  ref: 'main',
                })),
              )
            : HttpResponse.json([]),
      ),
    );
  }

  it('is ok when the newest default-branch pipeline passed', async () => {
    gitlab(['success', 'failed', 'success']);
    expect((await pipelines.run(checkContext(deployed))).verdict).toBe('ok');
  });

  it('warns when the newest default-branch pipeline failed, with the failure rate', async () => {
    gitlab(['running', 'failed', 'failed', 'success']);
    const result = await pipelines.run(checkContext(deployed));
    expect(result.verdict).toBe('warning');
    expect(result.evidence).toEqual([
      expect.objectContaining({
        object: 'gitlab/team-payments/payments-api/pipelines?ref=main',
        value: 'failed (2 of the last 3 failed)',
      }),
    ]);
  });
});
