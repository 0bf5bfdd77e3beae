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
import { KINDS } from './kinds';
import {
  conditionOf,
  evidence,
  KubeObject,
  outcome,
  refOf,
  workloadsReady,
} from './support';

const traefikReady: PlatformHealthCheck = {
  id: 'ingress.traefik',
  layer: 'ingress',
  title: 'Traefik is ready',
  runbook: 'traefik-not-routing',
  buildOutStep: 24,
  async run({ kubernetes }) {
    const deployments = await kubernetes.list<KubeObject>(...KINDS.deployment);
    return workloadsReady(
      [{ kind: 'Deployment', namespace: 'traefik', name: 'traefik' }],
      deployments.items,
      deployments.observedAt,
    );
  },
};

/** GatewayClass Accepted and every Gateway Programmed: the data path exists. */
const gateways: PlatformHealthCheck = {
  id: 'ingress.gateways',
  layer: 'ingress',
  title: 'GatewayClass is Accepted and Gateways are Programmed',
  runbook: 'traefik-not-routing',
  buildOutStep: 25,
  async run({ kubernetes }) {
    const [classes, gatewayList] = await Promise.all([
      kubernetes.list<KubeObject>(...KINDS.gatewayClass),
      kubernetes.list<KubeObject>(...KINDS.gateway),
    ]);
    const facts: HealthEvidence[] = [];
    let verdict: HealthVerdict = 'ok';
    if (classes.items.length === 0) {
      return outcome('critical', 'No GatewayClass exists', [
        evidence('GatewayClass/*', 'metadata.name', 'none', classes.observedAt),
      ]);
    }
    for (const gc of classes.items) {
      const accepted = conditionOf(gc, 'Accepted');
      if (accepted?.status !== 'True') {
        verdict = 'critical';
        facts.push(
          evidence(
            refOf(gc, 'GatewayClass'),
            'status.conditions[Accepted]',
            `${accepted?.status ?? 'missing'} (${accepted?.reason ?? ''})`,
            classes.observedAt,
          ),
        );
      }
    }
    for (const gw of gatewayList.items) {
      const programmed = conditionOf(gw, 'Programmed');
      if (programmed?.status !== 'True') {
        verdict = 'critical';
        facts.push(
          evidence(
            refOf(gw, 'Gateway'),
            'status.conditions[Programmed]',
            `${programmed?.status ?? 'missing'} (${programmed?.reason ?? ''})`,
            gatewayList.observedAt,
          ),
        );
      }
    }
    return outcome(
      verdict,
      verdict === 'ok'
        ? `${classes.items.length} GatewayClass(es) Accepted, ${gatewayList.items.length} Gateway(s) Programmed`
        : `${facts.length} gateway object(s) not Accepted or not Programmed`,
      facts,
    );
  },
};

/** HTTPRoutes Accepted by their parent with every backend resolved. */
const httpRoutes: PlatformHealthCheck = {
  id: 'ingress.httproutes',
  layer: 'ingress',
  title: 'HTTPRoutes are Accepted with ResolvedRefs',
  runbook: 'traefik-not-routing',
  buildOutStep: 26,
  async run({ kubernetes }) {
    const routes = await kubernetes.list<KubeObject>(...KINDS.httpRoute);
    const facts: HealthEvidence[] = [];
    for (const route of routes.items) {
      for (const parent of (route.status?.parents ?? []) as any[]) {
        for (const type of ['Accepted', 'ResolvedRefs']) {
          const condition = (parent.conditions ?? []).find(
            (c: any) => c.type === type,
          );
          if (condition && condition.status !== 'True') {
            facts.push(
              evidence(
                refOf(route, 'HTTPRoute'),
                `status.parents[${parent.parentRef?.name}].conditions[${type}]`,
                `${condition.status} (${condition.reason}: ${
                  condition.message ?? ''
                })`,
                routes.observedAt,
              ),
            );
          }
        }
      }
    }
    if (facts.length > 0) {
      return outcome(
        'warning',
        `${facts.length} route condition(s) failing: ${facts
          .map(f => f.object)
          .join(', ')}`,
        facts,
      );
    }
    return outcome(
      'ok',
      `${routes.items.length} HTTPRoutes Accepted and resolved`,
    );
  },
};

export const ingressChecks: PlatformHealthCheck[] = [
  traefikReady,
  gateways,
  httpRoutes,
];
