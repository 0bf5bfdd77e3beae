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
  chooseClusters,
  realClustersAppConfig,
  tokenVariable,
} from './demoClusters';
import { RunningRealClusters } from './launcher';

const sandboxCluster = (name: string, management = false) => ({
  name,
  management,
  kubernetes: {
    url: `http://127.0.0.1:7100/k8s/${name}`,
    caData: `CA of ${name}`,
    tokens: { admin: `admin-${name}`, reader: `reader-${name}` },
  },
});

const SANDBOX = [
  sandboxCluster('prod-eu-1'),
  sandboxCluster('mgmt', true),
  sandboxCluster('prod-eu-2'),
  sandboxCluster('staging-1'),
];

describe('the demo clusters', () => {
  it('puts the management cluster first and takes the next ones in order', () => {
    expect(chooseClusters(SANDBOX, 3).map(c => c.name)).toEqual([
      'mgmt',
      'prod-eu-1',
      'prod-eu-2',
    ]);
  });

  it('refuses a count the sandbox cannot give, naming PLATFORM_REAL_CLUSTERS', () => {
    for (const count of [0, 5, 1.5, NaN]) {
      expect(() => chooseClusters(SANDBOX, count)).toThrow(
        /PLATFORM_REAL_CLUSTERS must be a whole number from 1 to 4/,
      );
    }
  });

  it('points only the real clusters at their control planes, with the CA and tokens from the environment', () => {
    const running = {
      clusters: {
        mgmt: {
          url: 'https://127.0.0.1:6443',
          caData: 'CA PEM',
          readerToken: 'secret-reader',
          adminToken: 'secret-admin',
        },
      },
    } as unknown as RunningRealClusters;
    const sandboxConfig = {
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: SANDBOX.map(c => ({
              name: c.name,
              url: c.kubernetes.url,
              serviceAccountToken: c.kubernetes.tokens.reader,
              skipTLSVerify: true,
            })),
          },
        ],
      },
      platform: {
        sandbox: { enabled: true },
        clusters: SANDBOX.map(c => ({
          name: c.name,
          kubernetes: { url: c.kubernetes.url, skipTLSVerify: true },
          upstreams: { argocd: `http://127.0.0.1:7100/argocd/${c.name}` },
        })),
      },
    };
    const overlay = realClustersAppConfig(sandboxConfig, running) as any;
    const mgmt = overlay.platform.clusters.find((c: any) => c.name === 'mgmt');
    expect(mgmt.kubernetes).toEqual({
      url: 'https://127.0.0.1:6443',
      caData: 'CA PEM',
      token: { $env: 'PLATFORM_REAL_KUBE_READ_TOKEN_MGMT' },
      writeToken: { $env: 'PLATFORM_REAL_KUBE_WRITE_TOKEN_MGMT' },
    });
    // The other upstreams stay on the sandbox.
    expect(mgmt.upstreams).toEqual(
      sandboxConfig.platform.clusters[1].upstreams,
    );
    const staging = overlay.platform.clusters.find(
      (c: any) => c.name === 'staging-1',
    );
    expect(staging.kubernetes.url).toBe('http://127.0.0.1:7100/k8s/staging-1');
    const locator = overlay.kubernetes.clusterLocatorMethods[0].clusters.find(
      (c: any) => c.name === 'mgmt',
    );
    expect(locator).toEqual({
      name: 'mgmt',
      url: 'https://127.0.0.1:6443',
      caData: 'CA PEM',
      serviceAccountToken: { $env: 'PLATFORM_REAL_KUBE_READ_TOKEN_MGMT' },
    });
    expect(overlay.platform.sandbox).toEqual({
      enabled: true,
      realKubernetes: ['mgmt'],
    });
    expect(JSON.stringify(overlay)).not.toMatch(/secret-/);
  });

  it('names token variables after the cluster', () => {
    expect(tokenVariable('prod-eu-1', 'WRITE')).toBe(
      'PLATFORM_REAL_KUBE_WRITE_TOKEN_PROD_EU_1',
    );
  });
});
