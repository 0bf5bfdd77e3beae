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

import { ConfigReader } from '@backstage/config';
import { Sandbox } from '@platform-portal/platform-sandbox';
import { UpstreamClients } from '../clients/UpstreamClients';
import { UpstreamPolicies } from '../clients/resilience/UpstreamPolicies';
import { readPlatformConfig } from '../config/readPlatformConfig';
import { sandboxPlatformConfig } from '../__testUtils__/sandboxPlatformConfig';
import { startUpstreamSandbox } from '../__testUtils__/startUpstreamSandbox';
import { TEST_CA_PEM } from '../__testUtils__/testCaCertificate';
import { byDaysLeft, clusterCertificates } from './fleetCertificates';

jest.setTimeout(60_000);

/** Certificates of the sandbox fleet, the API server's read from a real TLS handshake. */
describe('fleet certificates on the sandbox', () => {
  let sandbox: Sandbox;
  let clients: UpstreamClients;

  beforeAll(async () => {
    sandbox = await startUpstreamSandbox();
    clients = new UpstreamClients(
      readPlatformConfig(new ConfigReader(sandboxPlatformConfig(sandbox))),
      new UpstreamPolicies(),
    );
  });

  afterAll(async () => {
    await sandbox?.stop();
  });

  const withCa = (name: string, caData: string) => ({
    name,
    kubernetes: { url: sandbox.kubernetesUrl(name), caData },
  });

  it("reads the API server's serving certificate with the cluster's CA, and the stuck cert-manager Certificate 9 days from expiry", async () => {
    const { certificates, errors } = await clusterCertificates(
      withCa('prod-eu-2', sandbox.caData('prod-eu-2')),
      clients.kubernetes('prod-eu-2')!,
      new Date(),
      5_000,
    );
    expect(errors).toEqual([]);
    const apiServer = certificates.find(c => c.source === 'apiserver')!;
    expect(apiServer.name).toBe('kube-apiserver');
    expect(apiServer.daysLeft).toBeGreaterThan(0);
    const stuck = certificates.find(c => c.name === 'payments-api-tls')!;
    expect(stuck).toMatchObject({
      cluster: 'prod-eu-2',
      source: 'cert-manager',
      namespace: 'payments',
      ready: true,
      renewing: false,
    });
    // Nine days from the scenario's start, less the moments since.
    expect(stuck.daysLeft).toBeGreaterThanOrEqual(8);
    expect(stuck.daysLeft).toBeLessThanOrEqual(9);
    expect(stuck.lastFailure?.message).toMatch(/rate/i);
    const sorted = [...certificates].sort(byDaysLeft);
    expect(sorted[0].name).toBe('payments-api-tls');
    const healthy = certificates.find(c => c.name === 'wildcard-tls')!;
    expect(healthy.renewing).toBe(true);
    expect(healthy.daysLeft).toBeGreaterThan(30);
  });

  it.each([
    ['a CA of no cluster', TEST_CA_PEM],
    ["another cluster's CA", 'prod-eu-2'],
  ])(
    'reports a handshake with %s as an error and still lists cert-manager',
    async (_, ca) => {
      const { certificates, errors } = await clusterCertificates(
        withCa('prod-eu-1', ca === 'prod-eu-2' ? sandbox.caData(ca) : ca),
        clients.kubernetes('prod-eu-1')!,
        new Date(),
        5_000,
      );
      expect(errors).toEqual([
        expect.stringMatching(
          /^API server certificate: TLS handshake with .* failed/,
        ),
      ]);
      expect(certificates.every(c => c.source === 'cert-manager')).toBe(true);
      expect(certificates.length).toBeGreaterThan(0);
    },
  );

  it('has no serving certificate to read on a plain-HTTP endpoint', async () => {
    const { certificates, errors } = await clusterCertificates(
      {
        name: 'staging-1',
        // The sandbox's plain HTTP port, where its other simulators answer.
        kubernetes: { url: `${sandbox.url}/k8s/staging-1` },
      },
      clients.kubernetes('staging-1')!,
      new Date(),
      5_000,
    );
    expect(errors).toEqual([]);
    expect(certificates.some(c => c.source === 'apiserver')).toBe(false);
  });
});
