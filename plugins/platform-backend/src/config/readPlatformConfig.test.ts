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
import { readPlatformConfig } from './readPlatformConfig';
import { TEST_CA_PEM } from '../__testUtils__/testCaCertificate';

const cluster = {
  name: 'prod-eu-1',
  provisioner: 'cluster-api',
  kubernetes: {
    url: 'http://127.0.0.1:7100/k8s/prod-eu-1',
    token: 'secret-token',
  },
};

describe('readPlatformConfig', () => {
  it('reads the sandbox flag and the clusters', () => {
    const result = readPlatformConfig(
      new ConfigReader({
        platform: { sandbox: { enabled: true }, clusters: [cluster] },
      }),
    );
    expect(result.simulated).toBe(true);
    expect(result.clusters).toEqual([
      {
        ...cluster,
        kubernetes: { ...cluster.kubernetes, skipTLSVerify: false },
        environment: undefined,
        region: undefined,
        management: false,
        managementCluster: undefined,
      },
    ]);
  });

  it('treats a missing platform block as no clusters and not simulated', () => {
    expect(readPlatformConfig(new ConfigReader({}))).toMatchObject({
      simulated: false,
      sandboxControlUrl: undefined,
      clusters: [],
      upstreams: {},
    });
  });

  it('names the key of an unknown provisioner', () => {
    expect(() =>
      readPlatformConfig(
        new ConfigReader({
          platform: {
            clusters: [cluster, { ...cluster, name: 'b', provisioner: 'eks' }],
          },
        }),
      ),
    ).toThrow(/platform\.clusters\[1\]\.provisioner: 'eks'/);
  });

  it('names the key of a cluster name that is not a DNS label', () => {
    expect(() =>
      readPlatformConfig(
        new ConfigReader({
          platform: { clusters: [{ ...cluster, name: 'Prod_EU' }] },
        }),
      ),
    ).toThrow(/platform\.clusters\[0\]\.name/);
  });

  it('refuses the same cluster twice', () => {
    expect(() =>
      readPlatformConfig(
        new ConfigReader({ platform: { clusters: [cluster, cluster] } }),
      ),
    ).toThrow(/listed twice/);
  });

  it('reads upstreams and refuses one whose url is not http(s)', () => {
    const result = readPlatformConfig(
      new ConfigReader({
        platform: {
          upstreams: {
            nexus: { url: 'http://nexus.test', username: 'u', password: 'p' },
          },
        },
      }),
    );
    expect(result.upstreams.nexus).toMatchObject({ username: 'u' });
    expect(() =>
      readPlatformConfig(
        new ConfigReader({
          platform: { upstreams: { gitlab: { url: 'gitlab.test' } } },
        }),
      ),
    ).toThrow(/platform\.upstreams\.gitlab\.url/);
  });

  it('defaults the refresh settings and refuses a non-positive one', () => {
    expect(readPlatformConfig(new ConfigReader({})).health).toEqual({
      refreshIntervalSeconds: 240,
      concurrency: 32,
      perClusterConcurrency: 8,
      maxRequestsInFlight: 64,
      maxRequestsInFlightPerCluster: 4,
      staleAfterSeconds: 300,
      historyDays: 90,
    });
    expect(() =>
      readPlatformConfig(
        new ConfigReader({ platform: { health: { concurrency: 0 } } }),
      ),
    ).toThrow(/platform\.health\.concurrency/);
  });

  it('refuses request caps that are not positive integers, or a per-cluster cap above the overall one, naming the key', () => {
    const health = (values: Record<string, number>) => () =>
      readPlatformConfig(new ConfigReader({ platform: { health: values } }));
    expect(health({ maxRequestsInFlight: 0 })).toThrow(
      /platform\.health\.maxRequestsInFlight: 0/,
    );
    expect(health({ maxRequestsInFlightPerCluster: 2.5 })).toThrow(
      /platform\.health\.maxRequestsInFlightPerCluster: 2\.5/,
    );
    expect(
      health({ maxRequestsInFlight: 8, maxRequestsInFlightPerCluster: 16 }),
    ).toThrow(
      /platform\.health\.maxRequestsInFlightPerCluster: 16 is more than/,
    );
  });

  it('refuses a url that is not http(s)', () => {
    expect(() =>
      readPlatformConfig(
        new ConfigReader({
          platform: {
            clusters: [{ ...cluster, kubernetes: { url: 'ftp://x' } }],
          },
        }),
      ),
    ).toThrow(/platform\.clusters\[0\]\.kubernetes\.url/);
  });

  it("reads each cluster's own TLS trust", () => {
    const [withCa, insecure] = readPlatformConfig(
      new ConfigReader({
        platform: {
          clusters: [
            {
              ...cluster,
              kubernetes: { url: 'https://a:6443', caData: TEST_CA_PEM },
            },
            {
              ...cluster,
              name: 'lab-1',
              kubernetes: { url: 'https://b:6443', skipTLSVerify: true },
            },
          ],
        },
      }),
    ).clusters;
    expect(withCa.kubernetes).toEqual({
      url: 'https://a:6443',
      caData: TEST_CA_PEM,
      skipTLSVerify: false,
    });
    expect(insecure.kubernetes.skipTLSVerify).toBe(true);
    expect(insecure.kubernetes.caData).toBeUndefined();
  });

  it('refuses a caData that is not a PEM certificate, naming the key', () => {
    const withCa = (caData: string) => () =>
      readPlatformConfig(
        new ConfigReader({
          platform: {
            clusters: [
              { ...cluster, kubernetes: { url: 'https://a:6443', caData } },
            ],
          },
        }),
      );
    // A kubeconfig's certificate-authority-data is base64 of the PEM.
    expect(withCa(Buffer.from(TEST_CA_PEM).toString('base64'))).toThrow(
      /platform\.clusters\[0\]\.kubernetes\.caData: expected the PEM/,
    );
    expect(
      withCa(
        TEST_CA_PEM.replace(/\n[A-Za-z0-9+/]{20}/, '\nAAAAAAAAAAAAAAAAAAAA'),
      ),
    ).toThrow(
      /platform\.clusters\[0\]\.kubernetes\.caData: a certificate in it cannot be read/,
    );
  });
});
