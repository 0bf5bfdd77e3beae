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
  expectCreated,
  METALLB_NAMESPACE,
  RealKubeApiServer,
} from '@platform-portal/platform-sandbox';
import { internalLbChecks } from './checks/internalLb';
import { metallbDiagnostic } from '../diagnostics/metallbDiagnostic';
import { DiagnosticContext } from '../diagnostics/RunbookDiagnostic';
import { KubernetesClient } from '../clients/kubernetes/KubernetesClient';
import {
  eventually,
  portalReader,
  realStackCluster,
  stackSuiteReady,
} from '../__testUtils__/realStackCluster';

// Starting a control plane and MetalLB's controller on a loaded machine.
jest.setTimeout(180_000);

const SUITE = "the internal-lb layer on MetalLB's real controller";
const NAMESPACE = 'lb-realkube';
const POOL = 'lb-realkube-pool';
// Two addresses: the third Service finds the pool exhausted.
const ADDRESSES = ['10.250.7.10-10.250.7.11'];

const addressAllocation = internalLbChecks.find(
  c => c.id === 'internal-lb.address-allocation',
)!;

function step(id: string) {
  return metallbDiagnostic.steps.find(s => s.id === id)!;
}

(stackSuiteReady(SUITE, ['metallbController']) ? describe : describe.skip)(
  SUITE,
  () => {
    let kube: RealKubeApiServer;
    let reader: KubernetesClient;

    const service = (name: string) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: NAMESPACE },
      spec: {
        type: 'LoadBalancer',
        selector: { app: name },
        ports: [{ port: 80, targetPort: 8080 }],
      },
    });
    const getService = async (name: string) =>
      (
        await kube.request(
          'GET',
          `/api/v1/namespaces/${NAMESPACE}/services/${name}`,
        )
      ).body;
    const ingressOf = (svc: any): string[] =>
      (svc?.status?.loadBalancer?.ingress ?? []).map(
        (i: { ip: string }) => i.ip,
      );
    const eventsFor = async (name: string) =>
      (
        await kube.request(
          'GET',
          `/api/v1/namespaces/${NAMESPACE}/events?fieldSelector=involvedObject.name=${name}`,
        )
      ).body.items as any[];
    const check = () =>
      addressAllocation.run({
        cluster: { name: 'stack', provisioner: 'kubeadm', management: false },
        kubernetes: reader,
        now: new Date(),
        signal: AbortSignal.timeout(30_000),
      });
    const diagnose = (id: string) =>
      step(id).run({
        cluster: 'stack',
        namespace: NAMESPACE,
        list: async (apiVersion: string, kind: string) =>
          (await reader.list(apiVersion, kind)).items,
        signal: AbortSignal.timeout(30_000),
      } as unknown as DiagnosticContext);

    beforeAll(async () => {
      kube = await realStackCluster(SUITE, ['metallbController']);
      reader = portalReader(kube);
      await expectCreated(
        kube.request('POST', '/api/v1/namespaces', {
          metadata: { name: NAMESPACE },
        }),
      );
      await expectCreated(
        kube.request(
          'POST',
          `/apis/metallb.io/v1beta1/namespaces/${METALLB_NAMESPACE}/ipaddresspools`,
          {
            apiVersion: 'metallb.io/v1beta1',
            kind: 'IPAddressPool',
            metadata: { name: POOL, namespace: METALLB_NAMESPACE },
            spec: { addresses: ADDRESSES },
          },
        ),
      );
    });

    afterAll(async () => {
      await kube?.request('DELETE', `/api/v1/namespaces/${NAMESPACE}`);
      await kube?.request(
        'DELETE',
        `/apis/metallb.io/v1beta1/namespaces/${METALLB_NAMESPACE}/ipaddresspools/${POOL}`,
      );
      await kube?.stop();
    });

    it('gives LoadBalancer Services addresses from the pool, counted in its status, with an IPAllocated event', async () => {
      for (const name of ['web', 'api']) {
        await expectCreated(
          kube.request(
            'POST',
            `/api/v1/namespaces/${NAMESPACE}/services`,
            service(name),
          ),
        );
      }
      const [web, api] = await Promise.all(
        ['web', 'api'].map(name =>
          eventually(
            `an address for ${name}`,
            () => getService(name),
            svc => ingressOf(svc).length > 0,
          ),
        ),
      );
      expect(
        [...ingressOf(web), ...ingressOf(api)].sort((a, b) =>
          a.localeCompare(b),
        ),
      ).toEqual(['10.250.7.10', '10.250.7.11']);
      for (const svc of [web, api]) {
        expect(
          svc.metadata.annotations['metallb.io/ip-allocated-from-pool'],
        ).toBe(POOL);
      }
      const pool = await eventually(
        "the pool's status counting both",
        async () =>
          (
            await kube.request(
              'GET',
              `/apis/metallb.io/v1beta1/namespaces/${METALLB_NAMESPACE}/ipaddresspools/${POOL}`,
            )
          ).body,
        p => p.status?.assignedIPv4 === 2,
      );
      expect(pool.status).toMatchObject({ assignedIPv4: 2, availableIPv4: 0 });
      const allocated = await eventually(
        "web's IPAllocated event",
        () => eventsFor('web'),
        events => events.some(e => e.reason === 'IPAllocated'),
      );
      expect(allocated.find(e => e.reason === 'IPAllocated')).toMatchObject({
        type: 'Normal',
        message: `Assigned IP ["${ingressOf(web)[0]}"]`,
      });
    });

    it('leaves the third Service pending with AllocationFailed, which the layer and the diagnostic report', async () => {
      await expectCreated(
        kube.request(
          'POST',
          `/api/v1/namespaces/${NAMESPACE}/services`,
          service('worker'),
        ),
      );
      const events = await eventually(
        "worker's AllocationFailed event",
        () => eventsFor('worker'),
        list => list.some(e => e.reason === 'AllocationFailed'),
      );
      const failure = events.find(e => e.reason === 'AllocationFailed');
      expect(failure).toMatchObject({
        type: 'Warning',
        message: `Failed to allocate IP for "${NAMESPACE}/worker": no available IPs`,
      });
      expect(ingressOf(await getService('worker'))).toEqual([]);

      const outcome = await check();
      expect(outcome.verdict).toBe('warning');
      expect(outcome.message).toBe(
        `1 LoadBalancer Service(s) without EXTERNAL-IP; pool(s) exhausted: ${POOL}`,
      );
      expect(outcome.evidence).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            object: `Service/${NAMESPACE}/worker`,
            value: `none (${failure.message})`,
          }),
          expect.objectContaining({
            object: `IPAddressPool/${METALLB_NAMESPACE}/${POOL}`,
            value: '2/2',
          }),
        ]),
      );

      const pool = await diagnose('pool');
      expect(pool.result).toBe('fail');
      expect(pool.summary).toContain(
        `The pool is exhausted: 2 of 2 address(es) in use while ${NAMESPACE}/worker wait(s) for one`,
      );
      const pending = await diagnose('pending-service');
      expect(pending.result).toBe('fail');
      expect(pending.summary).toBe(
        `${NAMESPACE}/worker ha(s) no EXTERNAL-IP: ${failure.message}`,
      );
    });

    it('hands a freed address to the pending Service; the layer then reports the full pool alone', async () => {
      const freed = ingressOf(await getService('api'))[0];
      await kube.request(
        'DELETE',
        `/api/v1/namespaces/${NAMESPACE}/services/api`,
      );
      const worker = await eventually(
        'an address for worker',
        () => getService('worker'),
        svc => ingressOf(svc).length > 0,
      );
      expect(ingressOf(worker)).toEqual([freed]);
      const outcome = await eventually(
        'the layer to see the pool full but nobody waiting',
        check,
        o => !o.message.includes('without EXTERNAL-IP'),
      );
      // Full again (2 of 2), so still a warning about the pool alone.
      expect(outcome.message).toBe(`pool(s) exhausted: ${POOL}`);
      expect((await diagnose('pending-service')).result).toBe('pass');
    });
  },
);
