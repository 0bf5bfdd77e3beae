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
  HealthEvidence,
  HealthVerdict,
} from '@platform-portal/plugin-platform-common';
import { PlatformHealthCheck } from '@platform-portal/plugin-platform-node';
import { notConfigured, UpstreamClients } from '../../clients/UpstreamClients';
import { evidence, outcome } from './support';

/**
 * Every HAProxy backend and server UP: a DOWN or NOLB server is traffic lost;
 * one in maintenance, draining or failing its checks (UP n/m) is at risk.
 */
function haproxyServers(clients: UpstreamClients): PlatformHealthCheck {
  return {
    id: 'external-lb.haproxy-servers',
    layer: 'external-lb',
    title: 'HAProxy backends and servers are UP',
    buildOutStep: 15,
    async run({ cluster, signal }) {
      const client = clients.haproxy(cluster.name);
      if (!client) {
        return outcome('unknown', notConfigured('haproxy'));
      }
      const { data, observedAt } = await client.stats(signal);
      const facts: HealthEvidence[] = [];
      let verdict: HealthVerdict = 'ok';
      let servers = 0;
      for (const row of data) {
        if (row.svname === 'FRONTEND') {
          continue;
        }
        if (row.svname !== 'BACKEND') {
          servers += 1;
        }
        const status = row.status ?? '';
        const object = `haproxy/${row.pxname}/${row.svname}`;
        const withCheck = `${status}${
          row.check_status ? ` (${row.check_status.replace(/^\* /, '')})` : ''
        }`;
        if (status.startsWith('DOWN') || status.startsWith('NOLB')) {
          // DOWN n/m is still down (passing checks on its way back up).
          verdict = 'critical';
          facts.push(evidence(object, 'status', withCheck, observedAt));
        } else if (
          status.startsWith('MAINT') ||
          status.startsWith('DRAIN') ||
          /^UP \d+\/\d+$/.test(status)
        ) {
          // Taken out by an operator, or UP n/m: failing checks, down after n more.
          if (verdict === 'ok') verdict = 'warning';
          facts.push(evidence(object, 'status', withCheck, observedAt));
        }
      }
      if (servers === 0) {
        return outcome('critical', 'HAProxy reports no backend server', facts);
      }
      return outcome(
        verdict,
        facts.length
          ? `${facts.length} HAProxy backend/server(s) not UP: ${facts
              .map(f => f.object)
              .join(', ')}`
          : `${servers} HAProxy servers UP`,
        facts,
      );
    },
  };
}

/** Exactly one Keepalived MASTER per VIP: none drops the VIP, two is split brain. */
function keepalivedMaster(clients: UpstreamClients): PlatformHealthCheck {
  return {
    id: 'external-lb.keepalived-master',
    layer: 'external-lb',
    title: 'Exactly one Keepalived MASTER per VIP',
    buildOutStep: 15,
    async run({ cluster, signal }) {
      const client = clients.keepalived(cluster.name);
      if (!client) {
        return outcome('unknown', notConfigured('keepalived'));
      }
      const { data, observedAt } = await client.nodes(signal);
      const facts = data.map(n =>
        evidence(
          `keepalived/${n.host}/${n.instance}`,
          'state',
          `${n.state}${n.vip ? ` (VIP ${n.vip})` : ''}`,
          observedAt,
        ),
      );
      const byVip = new Map<string, typeof data>();
      for (const node of data) {
        const key = node.vip ?? node.instance;
        byVip.set(key, [...(byVip.get(key) ?? []), node]);
      }
      let verdict: HealthVerdict = data.length ? 'ok' : 'critical';
      const problems: string[] = data.length
        ? []
        : ['no Keepalived node reported'];
      for (const [vip, nodes] of byVip) {
        const masters = nodes.filter(n => n.state === 'MASTER').length;
        const faulty = nodes.filter(n => n.state === 'FAULT').length;
        if (masters !== 1) {
          verdict = 'critical';
          problems.push(
            masters === 0
              ? `no MASTER holds ${vip}`
              : `${masters} MASTERs for ${vip} (split brain)`,
          );
        } else if (faulty > 0) {
          verdict = verdict === 'critical' ? verdict : 'warning';
          problems.push(
            `${faulty} node(s) in FAULT for ${vip}: no failover left`,
          );
        }
      }
      return outcome(
        verdict,
        problems.join('; ') || `One MASTER per VIP on ${data.length} nodes`,
        facts,
      );
    },
  };
}

export function externalLbChecks(
  clients: UpstreamClients,
): PlatformHealthCheck[] {
  return [haproxyServers(clients), keepalivedMaster(clients)];
}
