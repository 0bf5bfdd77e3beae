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
import { AnyObject, inNamespace, refOf } from './kubeObjects';
import { podProblems } from './podProblems';

function pendingServices(services: AnyObject[], name?: string): AnyObject[] {
  return services.filter(
    s =>
      s.spec?.type === 'LoadBalancer' &&
      (!name || s.metadata?.name === name) &&
      !(s.status?.loadBalancer?.ingress ?? []).length,
  );
}

/** Number of addresses a pool's ranges and CIDRs hold. */
export function poolSize(addresses: string[]): number {
  let total = 0;
  for (const entry of addresses) {
    const cidr = /^[\d.]+\/(\d+)$/.exec(entry);
    const range = /^([\d.]+)\s*-\s*([\d.]+)$/.exec(entry);
    if (cidr) total += 2 ** (32 - Number(cidr[1]));
    else if (range) {
      const n = (ip: string) =>
        ip.split('.').reduce((a, b) => a * 256 + Number(b), 0);
      total += n(range[2]) - n(range[1]) + 1;
    }
  }
  return total;
}

/** Speakers, pool usage and the pending Service. */
export const metallbDiagnostic: RunbookDiagnostic = {
  runbook: 'metallb-ip-not-assigned',
  steps: [
    {
      id: 'speakers',
      title: 'MetalLB speakers and controller running',
      runbookStep: 0,
      async run({ list }) {
        const pods = inNamespace(await list('v1', 'Pod'), 'metallb-system');
        const problems = podProblems(pods);
        if (pods.length === 0) {
          return { result: 'fail', summary: 'No pod in metallb-system' };
        }
        const evidence = pods.map(
          p => `${refOf(p)}: ${p.status?.phase} on ${p.spec?.nodeName}`,
        );
        const controllerDown = pods
          .filter(p => p.metadata?.name?.startsWith('controller'))
          .every(p => problems.some(x => x.startsWith(refOf(p))));
        const speakers = pods.filter(p =>
          p.metadata?.name?.startsWith('speaker'),
        );
        const speakersDown = speakers.every(p =>
          problems.some(x => x.startsWith(refOf(p))),
        );
        if (controllerDown || speakersDown) {
          return {
            result: 'fail',
            summary: `MetalLB cannot assign or announce addresses: ${problems.join(
              '; ',
            )}`,
            evidence,
          };
        }
        return problems.length
          ? {
              // A speaker down on one node moves the announcement elsewhere.
              result: 'warn',
              summary: `Some MetalLB pods are not running: ${problems.join(
                '; ',
              )}`,
              evidence,
            }
          : {
              result: 'pass',
              summary: `${pods.length} MetalLB pod(s) running`,
              evidence,
            };
      },
    },
    {
      id: 'pool',
      title: 'IPAddressPool has free addresses',
      runbookStep: 1,
      async run({ list, namespace, name }) {
        const pools = await list('metallb.io/v1beta1', 'IPAddressPool');
        const services = await list('v1', 'Service');
        const assigned = services.filter(
          s => (s.status?.loadBalancer?.ingress ?? []).length > 0,
        ).length;
        const size = pools.reduce(
          (sum, p) => sum + poolSize(p.spec?.addresses ?? []),
          0,
        );
        const pending = pendingServices(inNamespace(services, namespace), name);
        const evidence = [
          ...pools.map(
            p =>
              `${refOf(p)}: ${(p.spec?.addresses ?? []).join(', ')} (${poolSize(
                p.spec?.addresses ?? [],
              )} address(es))`,
          ),
          `${assigned} LoadBalancer address(es) assigned of ${size}`,
        ];
        if (pools.length === 0) {
          return {
            result: 'fail',
            summary: 'No IPAddressPool exists',
            evidence,
          };
        }
        if (assigned >= size && pending.length > 0) {
          return {
            result: 'fail',
            summary: `The pool is exhausted: ${assigned} of ${size} address(es) in use while ${pending
              .map(refOf)
              .join(
                ', ',
              )} wait(s) for one; add addresses to the pool or free one`,
            evidence: [
              ...evidence,
              ...pending.map(s => `${refOf(s)}: no EXTERNAL-IP`),
            ],
            commands: [
              {
                description:
                  'Add a range to the pool (edit the addresses list)',
                command: `kubectl -n metallb-system edit ipaddresspool ${pools[0].metadata?.name}`,
              },
            ],
          };
        }
        return {
          result: 'pass',
          summary: `${size - assigned} address(es) free`,
          evidence,
        };
      },
    },
    {
      id: 'pending-service',
      title: 'Services waiting for an EXTERNAL-IP',
      runbookStep: 2,
      async run({ list, namespace, name }) {
        const pending = pendingServices(
          inNamespace(await list('v1', 'Service'), namespace),
          name,
        );
        if (pending.length === 0) {
          return {
            result: 'pass',
            summary: 'Every LoadBalancer Service has an address',
          };
        }
        const events = (await list('v1', 'Event')).filter(e =>
          pending.some(
            s =>
              (e as any).involvedObject?.name === s.metadata?.name &&
              (e as any).involvedObject?.namespace === s.metadata?.namespace,
          ),
        );
        // MetalLB also records IPAllocated (Normal) for an address a Service
        // held before: the reason it has none now is the AllocationFailed one.
        const failure =
          events.find(e => (e as any).reason === 'AllocationFailed') ??
          events[0];
        return {
          result: 'fail',
          summary: `${pending.map(refOf).join(', ')} ha(s) no EXTERNAL-IP${
            failure ? `: ${(failure as any).message}` : ''
          }`,
          evidence: events.map(
            e => `${(e as any).reason}: ${(e as any).message}`,
          ),
        };
      },
    },
  ],
};
