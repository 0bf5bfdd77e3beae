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

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultFleet } from '../../../scenario/defaultFleet';
import {
  AllowedDifference,
  JsonDifference,
  jsonDifferences,
  unexplained,
} from '../../__testUtils__/jsonDifferences';
import {
  HttpAnswer,
  httpAnswer,
  RealAlertmanager,
  realBinary,
  startRealAlertmanager,
  waitFor,
} from '../../../realServers';
import {
  createTestContext,
  startTestServer,
  TestServer,
} from '../../__testUtils__/testServer';
import { createAlertmanagerSimulator } from '../AlertmanagerSimulator';
import { ALERTMANAGER_CONFIG } from '../routing';
import { silenceSteps } from './silenceSteps';
import { alertSteps, Step, TimeBase } from './steps';

/*
 * The same alerts posted to a real Alertmanager (Debian's) and to the
 * sandbox's, then the same reads, silences and bad requests sent to both:
 * status, content type and body must be equal once silence ids and the times
 * each server stamps itself are normalised. A difference passes only when
 * allowlist.json names it with its reason.
 */
const SUITE = 'Alertmanager differential test';
/** The differences the sandbox keeps, each with why. */
const allowlist: AllowedDifference[] = JSON.parse(
  readFileSync(join(__dirname, 'allowlist.json'), 'utf8'),
);
const bin = realBinary('PLATFORM_TEST_ALERTMANAGER_BIN', 'Alertmanager', SUITE);
const describeWithAlertmanager = bin ? describe : describe.skip;

type Side = 'real' | 'sandbox';
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

describeWithAlertmanager(
  'Alertmanager: the sandbox against the real server',
  () => {
    jest.setTimeout(120_000);

    let real: RealAlertmanager;
    let sandbox: TestServer;
    const base: Record<Side, () => string> = {
      real: () => `${real.url}/api/v2`,
      sandbox: () => `${sandbox.baseUrl}/alertmanager/api/v2`,
    };
    /** Silence ids by the name a step saved them under, per server. */
    const ids: Record<Side, Map<string, string>> = {
      real: new Map(),
      sandbox: new Map(),
    };
    const found: Array<JsonDifference & { case: string }> = [];
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    const times: TimeBase = {
      longAgo: new Date(now.getTime() - 7200_000).toISOString(),
      past: new Date(now.getTime() - 3600_000).toISOString(),
      soon: new Date(now.getTime() + 1800_000).toISOString(),
      future: new Date(now.getTime() + 3600_000).toISOString(),
      later: new Date(now.getTime() + 7200_000).toISOString(),
      latest: new Date(now.getTime() + 3 * 3600_000).toISOString(),
      furthest: new Date(now.getTime() + 4 * 3600_000).toISOString(),
    };
    const explicitTimes = new Set(
      Object.values(times).map(t => new Date(t).getTime()),
    );

    /** Times a server stamps itself become `<time>`; silence ids their step's name. */
    function normalise(value: unknown, side: Side): unknown {
      if (typeof value === 'string') {
        let text = value;
        for (const [name, id] of ids[side])
          text = text.split(id).join(`<${name}>`);
        // A 405 lists the allowed methods in Go's map order, which varies from run to run.
        text = text.replace(
          /but \[([A-Z,]+)\] are$/,
          (_, methods: string) =>
            `but [${methods.split(',').sort().join(',')}] are`,
        );
        return ISO_TIME.test(text) && !explicitTimes.has(Date.parse(text))
          ? '<time>'
          : text;
      }
      if (Array.isArray(value)) return value.map(v => normalise(v, side));
      if (value && typeof value === 'object') {
        return Object.fromEntries(
          Object.entries(value).map(([k, v]) => [k, normalise(v, side)]),
        );
      }
      return value;
    }

    async function send(side: Side, step: Step): Promise<HttpAnswer> {
      const path = step.path.replace(
        /\{(\w+)\}/g,
        (_, name) => ids[side].get(name) ?? `unknown-${name}`,
      );
      const body =
        step.rawBody ??
        (step.body === undefined
          ? undefined
          : JSON.stringify(
              typeof step.body === 'function'
                ? step.body(ids[side])
                : step.body,
            ));
      const answer = await httpAnswer(`${base[side]()}${path}`, {
        method: step.method ?? 'GET',
        headers:
          body === undefined ? {} : { 'Content-Type': 'application/json' },
        body,
      });
      if (step.saveAs && answer.status === 200)
        ids[side].set(
          step.saveAs,
          (answer.body as { silenceID: string }).silenceID,
        );
      return answer;
    }

    async function compare(steps: Step[]): Promise<void> {
      for (const step of steps) {
        const [r, s] = [await send('real', step), await send('sandbox', step)];
        const differences = jsonDifferences(
          {
            status: r.status,
            contentType: r.contentType,
            body: normalise(r.body, 'real'),
          },
          {
            status: s.status,
            contentType: s.contentType,
            body: normalise(s.body, 'sandbox'),
          },
        );
        found.push(...differences.map(d => ({ ...d, case: step.case })));
      }
    }

    /** Until the real server has taken in every posted alert: listed, grouped and inhibited. */
    async function processed(side: Side, alerts: number): Promise<void> {
      await waitFor(
        `${side} Alertmanager to process ${alerts} alerts`,
        async () => {
          if (side === 'real') real.assertRunning();
          const list = (await httpAnswer(`${base[side]()}/alerts`))
            .body as any[];
          const groups = (await httpAnswer(`${base[side]()}/alerts/groups`))
            .body as any[];
          const grouped = groups.reduce((n, g) => n + g.alerts.length, 0);
          const inhibited = list.some(a => a.status.inhibitedBy.length > 0);
          return list.length === alerts && grouped === alerts && inhibited;
        },
      );
    }

    beforeAll(async () => {
      const fleet = defaultFleet();
      // No fault alerts: both servers hold only what the test posts.
      const ctx = createTestContext({
        ...fleet,
        clusters: fleet.clusters.map(c => ({ ...c, faults: [] })),
      });
      sandbox = await startTestServer([createAlertmanagerSimulator(ctx)]);
      real = await startRealAlertmanager(bin!, ALERTMANAGER_CONFIG);
    });

    afterAll(async () => {
      await sandbox?.close();
      await real?.stop();
    });

    it('answers every alert, group, silence and bad request as the real server does', async () => {
      const { post, posted, reads } = alertSteps(times);
      await compare(post);
      await processed('real', posted);
      await processed('sandbox', posted);
      await compare(reads);
      await compare(silenceSteps(times));

      const { differences, unused } = unexplained(found, allowlist);
      const show = (d: JsonDifference & { case: string }) =>
        `${d.case} ${d.path}: real ${JSON.stringify(d.real)?.slice(
          0,
          200,
        )} | sandbox ${JSON.stringify(d.sandbox)?.slice(0, 200)}`;
      expect(differences.map(show)).toEqual([]);
      expect(unused).toEqual([]);
    });
  },
);
