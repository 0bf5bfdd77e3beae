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

// The platform services' own needs: the load-balancer pair and the observability stack.
import {
  SIZING_GUIDE,
  SizingFinding,
} from '@platform-portal/plugin-platform-common';
import { SizingInput } from './sizingInput';
import { round, shortfall } from './sizingSeverity';

/** The HAProxy + Keepalived pair in front of the cluster. */
export function loadBalancerPair(input: SizingInput): SizingFinding {
  const hosts = input.loadBalancerHosts;
  const base = {
    rule: 'load-balancer-pair',
    title: 'Load-balancer pair',
    layer: 'external-lb' as const,
    recommendation:
      'Production runs 2 HAProxy + Keepalived nodes (4 cores, 8 GB each) so the VIP fails over; a single one is a single point of failure.',
  };
  if (hosts === undefined) {
    return {
      ...base,
      severity: 'info',
      message: input.loadBalancerError
        ? `Keepalived state could not be read (${input.loadBalancerError}); the load-balancer nodes are not known`
        : 'Keepalived state could not be read; the load-balancer nodes are not known',
      numbers: {},
    };
  }
  const short = hosts < SIZING_GUIDE.loadBalancer.production.nodes;
  return {
    ...base,
    severity: short ? shortfall(input) : 'ok',
    message: `${hosts} Keepalived node(s) hold the VIP`,
    numbers: { loadBalancerNodes: hosts },
    recommendation: short
      ? `Add ${2 - hosts} load-balancer node(s). ${base.recommendation}`
      : base.recommendation,
  };
}

/** The observability stack's needs: the rule of thumb and Mimir's RAM per series. */
export function observability(input: SizingInput): SizingFinding[] {
  const { ruleOfThumb, mimirGiBPerMillionSeries } = SIZING_GUIDE.observability;
  const nodes = input.nodes.length;
  const large = nodes >= ruleOfThumb.nodes || input.pods >= ruleOfThumb.pods;
  const requests = input.monitoringRequests;
  const findings: SizingFinding[] = [
    {
      rule: 'observability-stack',
      title: 'Observability stack size',
      layer: 'observability',
      severity:
        large &&
        (requests.memoryGiB < ruleOfThumb.memoryGiB ||
          requests.cpu < ruleOfThumb.cpu)
          ? 'warning'
          : 'ok',
      message: `${nodes} nodes and ${
        input.pods
      } pods; the monitoring namespace requests ${round(
        requests.cpu,
        2,
      )} cores and ${round(requests.memoryGiB)} GiB`,
      numbers: {
        nodes,
        pods: input.pods,
        monitoringCpu: round(requests.cpu, 2),
        monitoringMemoryGiB: round(requests.memoryGiB),
      },
      recommendation: `Rule of thumb: a ${
        ruleOfThumb.nodes
      }-node cluster with ${ruleOfThumb.pods.toLocaleString('en')} pods needs ${
        ruleOfThumb.memoryGiB
      } GB RAM and ${ruleOfThumb.cpu} cores for the stack${
        large ? '' : '; this cluster is below that size'
      }.`,
    },
  ];
  if (input.activeSeries !== undefined) {
    const needGiB = (input.activeSeries / 1e6) * mimirGiBPerMillionSeries;
    findings.push({
      rule: 'mimir-memory',
      title: 'Mimir memory for active series',
      layer: 'observability',
      severity: 'info',
      message: `${input.activeSeries.toLocaleString(
        'en',
      )} active series need about ${round(needGiB, 2)} GiB of Mimir memory`,
      numbers: {
        activeSeries: input.activeSeries,
        mimirMemoryGiB: round(needGiB, 2),
      },
      recommendation: `Mimir needs ${mimirGiBPerMillionSeries} GB RAM per million active series, 2 cores and 100 GB local disk.`,
    });
  }
  return findings;
}
