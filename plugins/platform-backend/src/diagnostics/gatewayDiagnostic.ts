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

import { RunbookDiagnostic } from './RunbookDiagnostic';
import {
  AnyObject,
  conditionOf,
  describeCondition,
  inNamespace,
  refOf,
} from './kubeObjects';
import { podProblems } from './podProblems';

const GW = 'gateway.networking.k8s.io/v1';

function routeConditions(route: AnyObject): any[] {
  return (route.status?.parents ?? []).flatMap((p: any) => p.conditions ?? []);
}

/** Traefik pods, GatewayClass, Gateway, the routes' parentRefs and backends. */
export const gatewayDiagnostic: RunbookDiagnostic = {
  runbook: 'traefik-not-routing',
  steps: [
    {
      id: 'traefik-pods',
      title: 'Traefik pods running',
      runbookStep: 0,
      async run({ list }) {
        const pods = inNamespace(await list('v1', 'Pod'), 'traefik');
        const problems = podProblems(pods);
        if (pods.length === 0 || problems.length) {
          return {
            result: 'fail',
            summary: pods.length
              ? `Traefik pod(s) not running: ${problems.join('; ')}`
              : 'No Traefik pod in namespace traefik',
          };
        }
        return {
          result: 'pass',
          summary: `${pods.length} Traefik pod(s) running`,
          evidence: pods.map(p => `${refOf(p)} on ${p.spec?.nodeName}`),
        };
      },
    },
    {
      id: 'gatewayclass',
      title: 'GatewayClass accepted',
      runbookStep: 1,
      async run({ list }) {
        const classes = await list(GW, 'GatewayClass');
        const evidence = classes.map(
          c => `${refOf(c)}: ${describeCondition(conditionOf(c, 'Accepted'))}`,
        );
        const bad = classes.find(
          c => conditionOf(c, 'Accepted')?.status !== 'True',
        );
        if (classes.length === 0 || bad) {
          return {
            result: 'fail',
            summary: bad
              ? `GatewayClass ${refOf(bad)} not accepted`
              : 'No GatewayClass exists',
            evidence,
          };
        }
        return { result: 'pass', summary: 'GatewayClass accepted', evidence };
      },
    },
    {
      id: 'gateway',
      title: 'Gateways accepted and programmed',
      runbookStep: 2,
      async run({ list }) {
        const gateways = await list(GW, 'Gateway');
        const evidence = gateways.map(
          g =>
            `${refOf(g)} (${g.spec?.gatewayClassName}): ${describeCondition(
              conditionOf(g, 'Accepted'),
            )}; ${describeCondition(conditionOf(g, 'Programmed'))}`,
        );
        const bad = gateways.find(
          g =>
            conditionOf(g, 'Accepted')?.status !== 'True' ||
            conditionOf(g, 'Programmed')?.status !== 'True',
        );
        if (gateways.length === 0 || bad) {
          return {
            result: 'fail',
            summary: bad
              ? `Gateway ${refOf(bad)} is not serving: ${describeCondition(
                  conditionOf(bad, 'Programmed'),
                )}`
              : 'No Gateway exists',
            evidence,
          };
        }
        return {
          result: 'pass',
          summary: `${gateways.length} Gateway(s) programmed`,
          evidence,
        };
      },
    },
    {
      id: 'route-parents',
      title: "HTTPRoutes' parentRefs accepted",
      runbookStep: 3,
      async run({ list, namespace, name }) {
        const routes = inNamespace(
          await list(GW, 'HTTPRoute'),
          namespace,
        ).filter(r => !name || r.metadata?.name === name);
        const gateways = await list(GW, 'Gateway');
        const evidence: string[] = [];
        for (const route of routes) {
          for (const parent of route.spec?.parentRefs ?? []) {
            const ns = parent.namespace ?? route.metadata?.namespace;
            const exists = gateways.some(
              g =>
                g.metadata?.name === parent.name &&
                g.metadata?.namespace === ns,
            );
            evidence.push(
              `${refOf(route)} → Gateway ${ns}/${parent.name}${
                parent.sectionName ? `:${parent.sectionName}` : ''
              }${exists ? '' : ' (missing)'}`,
            );
          }
        }
        const rejected = routes.find(r =>
          routeConditions(r).some(
            c => c.type === 'Accepted' && c.status !== 'True',
          ),
        );
        const orphan = evidence.find(e => e.endsWith('(missing)'));
        if (rejected || orphan) {
          return {
            result: 'fail',
            summary: rejected
              ? `HTTPRoute ${refOf(rejected)} not accepted: ${
                  routeConditions(rejected).find(c => c.type === 'Accepted')
                    ?.message
                }`
              : `A parentRef names a Gateway that does not exist: ${orphan}`,
            evidence,
          };
        }
        return {
          result: 'pass',
          summary: `${routes.length} HTTPRoute(s) accepted by their Gateway`,
          evidence,
        };
      },
    },
    {
      id: 'route-backends',
      title: "HTTPRoutes' backends resolve to Services with endpoints",
      runbookStep: 4,
      async run({ list, namespace, name }) {
        const routes = inNamespace(
          await list(GW, 'HTTPRoute'),
          namespace,
        ).filter(r => !name || r.metadata?.name === name);
        const services = await list('v1', 'Service');
        const endpoints = await list('v1', 'Endpoints');
        const evidence: string[] = [];
        const broken: string[] = [];
        for (const route of routes) {
          const unresolved = routeConditions(route).find(
            c => c.type === 'ResolvedRefs' && c.status !== 'True',
          );
          if (unresolved) broken.push(`${refOf(route)}: ${unresolved.message}`);
          for (const rule of route.spec?.rules ?? []) {
            for (const backend of rule.backendRefs ?? []) {
              const ns = backend.namespace ?? route.metadata?.namespace;
              const service = services.find(
                s =>
                  s.metadata?.name === backend.name &&
                  s.metadata?.namespace === ns,
              );
              const ep = endpoints.find(
                e =>
                  e.metadata?.name === backend.name &&
                  e.metadata?.namespace === ns,
              ) as any;
              const addresses = (ep?.subsets ?? []).flatMap(
                (s: any) => s.addresses ?? [],
              ).length;
              const line = `${refOf(route)} → Service ${ns}/${backend.name}:${
                backend.port
              }: ${service ? `${addresses} ready endpoint(s)` : 'not found'}`;
              evidence.push(line);
              if (!service || addresses === 0) broken.push(line);
            }
          }
        }
        return broken.length
          ? {
              result: 'fail',
              summary: `Backend not serving: ${broken[0]}`,
              evidence,
            }
          : {
              result: 'pass',
              summary: 'Every backend has endpoints',
              evidence,
            };
      },
    },
  ],
};
