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

import { HealthCheckResult } from './health';
import { remediationFor } from './remediation';

const AT = '2026-12-07T10:00:00.000Z';

function check(
  id: string,
  verdict: HealthCheckResult['verdict'],
  runbook: string,
  objects: string[],
): HealthCheckResult {
  return {
    id,
    title: id,
    verdict,
    message: id,
    runbook,
    evidence: objects.map(object => ({
      object,
      field: 'f',
      value: 'v',
      observedAt: AT,
    })),
  };
}

const capi = {
  cluster: 'staging-1',
  provisioner: 'cluster-api' as const,
  managementCluster: 'mgmt',
};

describe('remediationFor', () => {
  it('gives an OK check no remediation', () => {
    expect(
      remediationFor(
        check('hardware.workers-ready', 'ok', 'add-worker-node', ['Node/*']),
        capi,
      ),
    ).toBeUndefined();
  });

  it('replaces a NotReady worker, naming it, rather than adding one', () => {
    const remediation = remediationFor(
      check('hardware.workers-ready', 'critical', 'add-worker-node', [
        'Node/staging-1-md-0-2',
      ]),
      capi,
    )!;
    expect(remediation).toMatchObject({
      runbook: 'remove-node',
      step: 1,
      provisioner: 'cluster-api',
      commands: ['kubectl cordon staging-1-md-0-2'],
    });
  });

  it('on Cluster API, deletes the Machine on the management cluster in the MachineDeployment’s namespace', () => {
    const remediation = remediationFor(
      check('provisioning.cluster-api', 'warning', 'add-worker-node', [
        'Cluster/clusters/staging-1',
        'MachineDeployment/clusters/staging-1-md-0',
      ]),
      capi,
    )!;
    expect(remediation.runbook).toBe('remove-node');
    expect(remediation.step).toBe(3);
    expect(remediation.commands).toEqual([
      'kubectl --context mgmt -n clusters get machines -l cluster.x-k8s.io/cluster-name=staging-1 -o wide',
      'kubectl --context mgmt -n clusters delete machine <machine>',
    ]);
    expect(remediation.commands.join(' ')).not.toMatch(/kubeadm join/);
  });

  it('fills names known for the whole cluster where the check’s evidence gives none', () => {
    const remediation = remediationFor(
      check('hardware.workers-ready', 'critical', 'add-worker-node', [
        'Node/staging-1-md-0-2',
      ]),
      { ...capi, values: { 'capi-namespace': 'clusters' } },
    )!;
    expect(remediation.values).toMatchObject({
      'capi-namespace': 'clusters',
      'failed-node': 'staging-1-md-0-2',
      'management-cluster': 'mgmt',
    });
  });

  it('adds capacity with each provisioner’s own commands', () => {
    const sizing = check(
      'hardware.sizing-workers-n-plus-one',
      'warning',
      'add-worker-node',
      ['Sizing rule workers-n-plus-one', 'MachineDeployment/clusters/md-0'],
    );
    const on = (provisioner: 'kubeadm' | 'rke2' | 'cluster-api') =>
      remediationFor(sizing, { cluster: 'c', provisioner })!.commands.join(
        '\n',
      );
    expect(on('kubeadm')).toMatch(/kubeadm token create --print-join-command/);
    expect(on('rke2')).toMatch(/INSTALL_RKE2_TYPE=agent/);
    expect(on('rke2')).not.toMatch(/kubeadm/);
    expect(on('cluster-api')).toMatch(
      /scale machinedeployment md-0 --replicas=/,
    );
    expect(on('cluster-api')).not.toMatch(/kubeadm join/);
  });

  it('fills the namespace and name of the object at fault and leaves unknown names to fill by hand', () => {
    const remediation = remediationFor(
      check('security.certificates', 'critical', 'certificate-renewal-stuck', [
        'Certificate/payments/payments-api-tls',
      ]),
      { cluster: 'prod-eu-2', provisioner: 'cluster-api' },
    )!;
    expect(remediation.step).toBe(1);
    expect(remediation.commands).toContain(
      'kubectl describe certificate payments-api-tls -n payments',
    );
    expect(remediation.values).toMatchObject({
      namespace: 'payments',
      name: 'payments-api-tls',
    });
    const route = remediationFor(
      check('ingress.httproutes', 'warning', 'traefik-not-routing', [
        'HTTPRoute/storefront/storefront-web',
      ]),
      { cluster: 'c', provisioner: 'kubeadm' },
    )!;
    expect(route.step).toBe(4);
    expect(route.commands).toEqual([
      'kubectl get httproute storefront-web -n storefront -o yaml',
    ]);
  });
});
