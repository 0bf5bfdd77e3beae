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

import { Sandbox } from '../server/startSandbox';
import { controlCall, kubeCall, startTestSandbox } from '../server/testSupport';

jest.setTimeout(60_000);

describe('what the demo fleet holds for its next upgrades', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });

  afterAll(async () => {
    await sandbox.stop();
  });

  it('serves flowcontrol v1beta3 only below 1.32, with the legacy objects written through it', async () => {
    const old = await kubeCall(
      sandbox,
      'onprem-kubeadm-1',
      '/apis/flowcontrol.apiserver.k8s.io/v1beta3',
    );
    expect(old.status).toBe(200);
    expect(
      old.json.resources
        .map((r: any) => r.name)
        .filter((n: string) => !n.includes('/')),
    ).toEqual(['flowschemas', 'prioritylevelconfigurations']);
    const current = await kubeCall(
      sandbox,
      'prod-eu-1',
      '/apis/flowcontrol.apiserver.k8s.io/v1beta3',
    );
    expect(current.status).toBe(404);
    const group = await kubeCall(
      sandbox,
      'prod-eu-1',
      '/apis/flowcontrol.apiserver.k8s.io',
    );
    expect(group.json.versions.map((v: any) => v.version)).toEqual(['v1']);

    const schemas = await kubeCall(
      sandbox,
      'onprem-kubeadm-1',
      '/apis/flowcontrol.apiserver.k8s.io/v1beta3/flowschemas',
    );
    const schema = schemas.json.items.find(
      (o: any) => o.metadata.name === 'platform-batch-jobs',
    );
    expect(schema.apiVersion).toBe('flowcontrol.apiserver.k8s.io/v1beta3');
    expect(schema.metadata.managedFields[0]).toMatchObject({
      manager: 'kubectl-client-side-apply',
      apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3',
    });
  });

  it('computes disruption budgets from the pods they select, as the disruption controller does', async () => {
    const blocking = await kubeCall(
      sandbox,
      'staging-1',
      '/apis/policy/v1/namespaces/payments/poddisruptionbudgets/payments-api',
    );
    // The scenario's payments-api pods on staging-1 include broken ones, so
    // only the Ready pods the budget selects count as healthy.
    const selector = Object.entries(
      blocking.json.spec.selector.matchLabels as Record<string, string>,
    )
      .map(([key, value]) => `${key}=${value}`)
      .join(',');
    const pods = await kubeCall(
      sandbox,
      'staging-1',
      `/api/v1/namespaces/payments/pods?labelSelector=${encodeURIComponent(
        selector,
      )}`,
    );
    const ready = pods.json.items.filter((pod: any) =>
      pod.status?.conditions?.some(
        (c: any) => c.type === 'Ready' && c.status === 'True',
      ),
    ).length;
    expect(blocking.json.status).toMatchObject({
      disruptionsAllowed: 0,
      expectedPods: 3,
      currentHealthy: ready,
      desiredHealthy: 3,
    });
    const honoured = await kubeCall(
      sandbox,
      'onprem-kubeadm-1',
      '/apis/policy/v1/namespaces/storefront/poddisruptionbudgets/storefront-web',
    );
    expect(honoured.json.status).toMatchObject({
      disruptionsAllowed: 1,
      expectedPods: 3,
    });

    // Allowing every pod to go is an ordinary write; the controller follows on
    // its next pass: all the healthy pods may then be disrupted.
    const patch = await kubeCall(
      sandbox,
      'staging-1',
      '/apis/policy/v1/namespaces/payments/poddisruptionbudgets/payments-api',
      {
        method: 'PATCH',
        body: { spec: { maxUnavailable: 3 } },
        contentType: 'application/merge-patch+json',
      },
    );
    expect(patch.status).toBe(200);
    expect(
      (await controlCall(sandbox, 'POST', '/time/advance', { ms: 1000 }))
        .status,
    ).toBe(200);
    const after = await kubeCall(
      sandbox,
      'staging-1',
      '/apis/policy/v1/namespaces/payments/poddisruptionbudgets/payments-api',
    );
    expect(ready).toBeGreaterThan(0);
    expect(after.json.status).toMatchObject({
      desiredHealthy: 0,
      disruptionsAllowed: ready,
    });
  });

  it('runs the add-on release the scenario pins on one cluster and the usual one elsewhere', async () => {
    const image = async (cluster: string) =>
      (
        await kubeCall(
          sandbox,
          cluster,
          '/apis/apps/v1/namespaces/cert-manager/deployments/cert-manager',
        )
      ).json.spec.template.spec.containers[0].image;
    expect(await image('edge-rke2-1')).toBe(
      'quay.io/jetstack/cert-manager-controller:v1.18.2',
    );
    expect(await image('prod-eu-1')).toBe(
      'quay.io/jetstack/cert-manager-controller:v1.19.1',
    );
  });
});
