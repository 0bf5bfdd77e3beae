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

import { IncomingMessage, ServerResponse } from 'node:http';
import { applyBehaviour } from '../../control/applyBehaviour';
import {
  KeepalivedNode,
  keepalivedNodes,
  VRRP_STATE_NUMBER,
} from '../externalLb/loadBalancers';
import { parsePath, sendJson, sendText } from '../shared/http';
import { UpstreamContext, UpstreamSimulator } from '../types';
import { EXPORTER_PATH, JSON_DUMP_FILE, stateFileName } from './assumptions';

/**
 * keepalived's JSON dump (`--enable-json`, SIGJSON) for one VRRP instance; a
 * subset of its fields, held to keepalived 2.2.7. The sandbox keeps no
 * history: the counters are those of a pair that failed over at most once
 * (the first node started as MASTER; a FAULT node released it, sending
 * priority 0; the other became MASTER in its place).
 */
function jsonDump(node: KeepalivedNode, pair: KeepalivedNode[]) {
  const state = VRRP_STATE_NUMBER[node.state];
  const first = pair[0] === node;
  const released = first && node.state === 'FAULT';
  return [
    {
      data: {
        iname: node.instance,
        ifp_ifname: node.interface,
        vrid: node.vrid,
        base_priority: node.priority,
        effective_priority: node.priority,
        vipset: node.state === 'MASTER',
        adver_int: 1,
        master_adver_int: 1,
        // The priority in the last MASTER advert heard: the first node's, kept after taking over from it.
        master_priority: first ? 0 : pair[0].priority,
        nopreempt: false,
        state,
        wantstate: state,
        version: 2,
        vips: [
          `${node.vip}/24 dev ${node.interface} scope global${
            node.state === 'MASTER' ? ' set' : ''
          }`,
        ],
      },
      stats: {
        advert_rcvd: node.state === 'BACKUP' ? 86400 : 0,
        advert_sent: node.state === 'MASTER' ? 86400 : 0,
        become_master: node.state === 'MASTER' || released ? 1 : 0,
        release_master: released ? 1 : 0,
        packet_len_err: 0,
        advert_interval_err: 0,
        ip_ttl_err: 0,
        invalid_type_rcvd: 0,
        addr_list_err: 0,
        invalid_authtype: 0,
        authtype_mismatch: 0,
        auth_failure: 0,
        pri_zero_rcvd: 0,
        pri_zero_sent: released ? 1 : 0,
      },
    },
  ];
}

function exporterMetrics(node: KeepalivedNode): string {
  const labels = `iname="${node.instance}",intf="${node.interface}",vrid="${node.vrid}",ip_address="${node.vip}"`;
  return [
    '# HELP keepalived_up Status',
    '# TYPE keepalived_up gauge',
    'keepalived_up 1',
    '# HELP keepalived_vrrp_state State of vrrp',
    '# TYPE keepalived_vrrp_state gauge',
    `keepalived_vrrp_state{${labels}} ${VRRP_STATE_NUMBER[node.state]}`,
    '',
  ].join('\n');
}

/**
 * The Keepalived pair of each cluster's external load balancer, mounted at
 * `/keepalived/<cluster>`. Per node: the state file a notify script writes
 * (`MASTER`, `BACKUP`, `FAULT`; path convention ours), the JSON dump and the
 * exporter's metrics; `/nodes` lists both nodes.
 */
export function createKeepalivedSimulator(
  ctx: UpstreamContext,
): UpstreamSimulator {
  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    cluster?: string,
  ): Promise<void> {
    const proceed = await applyBehaviour(ctx.control, req, res, {
      upstream: 'keepalived',
      cluster: cluster ?? '*',
      verb: req.method ?? 'GET',
      writeError: (r, status) =>
        sendText(r, status, `simulated failure (HTTP ${status})\n`),
    });
    if (!proceed) return;
    const index = ctx.fleet.clusters.findIndex(c => c.name === cluster);
    if (index === -1) {
      sendText(res, 404, 'not found\n');
      return;
    }
    const nodes = keepalivedNodes(
      ctx.fleet.clusters[index],
      index,
      ctx.control,
    );
    const { segments } = parsePath(path);
    if (segments.length === 1 && segments[0] === 'nodes') {
      sendJson(
        res,
        200,
        nodes.map(n => ({
          host: n.host,
          instance: n.instance,
          state: n.state,
          priority: n.priority,
          vip: n.vip,
          interface: n.interface,
          vrid: n.vrid,
        })),
      );
      return;
    }
    const node =
      segments[0] === 'nodes'
        ? nodes.find(n => n.host === segments[1])
        : undefined;
    const file = segments.slice(2).join('/');
    if (!node || segments.length < 3) {
      sendText(res, 404, 'not found\n');
    } else if (file === stateFileName(node.instance)) {
      sendText(res, 200, `${node.state}\n`);
    } else if (file === JSON_DUMP_FILE) {
      sendJson(res, 200, jsonDump(node, nodes));
    } else if (file === EXPORTER_PATH) {
      sendText(res, 200, exporterMetrics(node), {
        'Content-Type': 'text/plain; version=0.0.4; charset=utf-8',
      });
    } else {
      sendText(res, 404, 'not found\n');
    }
  }

  return { id: 'keepalived', mount: 'keepalived', perCluster: true, handle };
}
