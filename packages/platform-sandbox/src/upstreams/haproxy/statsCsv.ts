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

import { stableInt } from '../shared/ids';
import { LbBackend } from '../externalLb/loadBalancers';
import { HaproxyNode } from './HaproxyNode';

/** HAProxy 2.x `show stat` columns up to `algo`; clients must parse by header name. */
export const STAT_COLUMNS = [
  'pxname',
  'svname',
  'qcur',
  'qmax',
  'scur',
  'smax',
  'slim',
  'stot',
  'bin',
  'bout',
  'dreq',
  'dresp',
  'ereq',
  'econ',
  'eresp',
  'wretr',
  'wredis',
  'status',
  'weight',
  'act',
  'bck',
  'chkfail',
  'chkdown',
  'lastchg',
  'downtime',
  'qlimit',
  'pid',
  'iid',
  'sid',
  'throttle',
  'lbtot',
  'tracked',
  'type',
  'rate',
  'rate_lim',
  'rate_max',
  'check_status',
  'check_code',
  'check_duration',
  'hrsp_1xx',
  'hrsp_2xx',
  'hrsp_3xx',
  'hrsp_4xx',
  'hrsp_5xx',
  'hrsp_other',
  'hanafail',
  'req_rate',
  'req_rate_max',
  'req_tot',
  'cli_abrt',
  'srv_abrt',
  'comp_in',
  'comp_out',
  'comp_byp',
  'comp_rsp',
  'lastsess',
  'last_chk',
  'last_agt',
  'qtime',
  'ctime',
  'rtime',
  'ttime',
  'agent_status',
  'agent_code',
  'agent_duration',
  'check_desc',
  'agent_desc',
  'check_rise',
  'check_fall',
  'check_health',
  'agent_rise',
  'agent_fall',
  'agent_health',
  'addr',
  'cookie',
  'mode',
  'algo',
] as const;

type Row = Partial<Record<(typeof STAT_COLUMNS)[number], string | number>>;

function line(row: Row): string {
  return `${STAT_COLUMNS.map(c =>
    row[c] === undefined ? '' : String(row[c]),
  ).join(',')},`;
}

/**
 * The stats CSV for one HAProxy node: a FRONTEND row per listener, then each
 * backend's servers and its BACKEND row. Status and check columns come from
 * each server's health over simulated time; counters grow with it.
 */
export function renderStatsCsv(
  backends: LbBackend[],
  uptimeSeconds: number,
  node: HaproxyNode,
  now: number,
): string {
  const lines = [`# ${STAT_COLUMNS.join(',')},`];
  backends.forEach((b, bi) => {
    const iid = bi * 2 + 2;
    // API and ingress are passed through at layer 4 (TLS ends at the API server and Traefik).
    const mode = b.mode ?? 'tcp';
    const perSecond = b.name === 'k8s-api' ? 3 : 25;
    const sessions = Math.floor(uptimeSeconds * perSecond);
    lines.push(
      line({
        pxname: b.name,
        svname: 'FRONTEND',
        scur: 2 + bi,
        smax: 40,
        slim: 20000,
        stot: sessions,
        bin: sessions * 900,
        bout: sessions * 5200,
        dreq: 0,
        dresp: 0,
        ereq: 0,
        status: 'OPEN',
        pid: 1,
        iid,
        sid: 0,
        type: 0,
        rate: perSecond,
        rate_lim: 0,
        rate_max: perSecond * 4,
        mode,
      }),
    );
    const checks = b.servers.map(
      s => node.server(`${b.name}-be`, s.name, now)!,
    );
    const usable = checks.filter(c => c.usable).length;
    b.servers.forEach((s, si) => {
      const check = checks[si];
      const isUp = check.usable;
      const share = usable > 0 && isUp ? Math.floor(sessions / usable) : 0;
      const checked = check.settings.enabled;
      lines.push(
        line({
          pxname: `${b.name}-be`,
          svname: s.name,
          qcur: 0,
          qmax: 0,
          scur: isUp ? 1 : 0,
          smax: 12,
          stot: share,
          bin: share * 900,
          bout: share * 5200,
          dresp: 0,
          econ: isUp ? 0 : 37,
          eresp: 0,
          wretr: 0,
          wredis: 0,
          // The server's own weight and role stay as configured whatever its state; the BACKEND row sums the usable ones.
          status: check.status,
          weight: 1,
          act: 1,
          bck: 0,
          chkfail: checked ? check.chkfail : '',
          chkdown: checked ? check.chkdown : '',
          lastchg: isUp ? Math.floor(uptimeSeconds) : 120,
          downtime: isUp ? 0 : 120,
          pid: 1,
          iid: iid + 1,
          sid: si + 1,
          lbtot: share,
          type: 2,
          rate: isUp ? Math.round(perSecond / Math.max(1, usable)) : 0,
          rate_max: perSecond * 2,
          check_duration: checked ? 1 : '',
          cli_abrt: 0,
          srv_abrt: 0,
          lastsess: isUp ? 0 : 120,
          qtime: 0,
          ctime: isUp ? 1 + stableInt(3, s.name) : 0,
          rtime: 0,
          ttime: isUp ? 40 + stableInt(200, s.name) : 0,
          ...check.checkColumns,
          addr: s.address,
          mode,
        }),
      );
    });
    lines.push(
      line({
        pxname: `${b.name}-be`,
        svname: 'BACKEND',
        qcur: 0,
        qmax: 0,
        scur: usable > 0 ? 1 : 0,
        smax: 12,
        slim: 2000,
        stot: sessions,
        bin: sessions * 900,
        bout: sessions * 5200,
        dreq: 0,
        dresp: 0,
        econ: b.servers.length - usable > 0 ? 37 : 0,
        eresp: 0,
        wretr: 0,
        wredis: 0,
        status: usable > 0 ? 'UP' : 'DOWN',
        weight: usable,
        act: usable,
        bck: 0,
        chkdown: checks.filter(c => c.status.startsWith('DOWN')).length,
        lastchg: 120,
        downtime: usable > 0 ? 0 : 120,
        pid: 1,
        iid: iid + 1,
        sid: 0,
        lbtot: sessions,
        type: 1,
        rate: perSecond,
        rate_max: perSecond * 4,
        mode,
        algo: 'roundrobin',
      }),
    );
  });
  return `${lines.join('\n')}\n`;
}
