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

import { generateKeyPairSync } from 'node:crypto';
import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { NotFoundError } from '@backstage/errors';
import { ConfigClusterAccessService } from './ConfigClusterAccessService';
import { readClusterConnections } from './readClusterConnections';

const clusters = [
  {
    name: 'mgmt',
    provisioner: 'kubeadm',
    environment: 'management',
    management: true,
    kubernetes: {
      url: 'https://mgmt.example:6443',
      token: 'read-mgmt',
      writeToken: 'write-mgmt',
    },
  },
  {
    name: 'prod-eu-1',
    provisioner: 'cluster-api',
    environment: 'production',
    managementCluster: 'mgmt',
    kubernetes: { url: 'https://prod.example:6443', token: 'read-prod' },
  },
];

function service(list: JsonObject[] = clusters) {
  return new ConfigClusterAccessService(
    readClusterConnections(new ConfigReader({ platform: { clusters: list } })),
  );
}

describe('ConfigClusterAccessService', () => {
  it('lists clusters without their URLs or tokens', () => {
    const listed = service().listClusters();
    expect(listed.map(c => c.name)).toEqual(['mgmt', 'prod-eu-1']);
    expect(JSON.stringify(listed)).not.toMatch(/read-|write-|https:/);
    expect(listed[0].management).toBe(true);
    expect(listed[1]).toMatchObject({
      managementCluster: 'mgmt',
      management: false,
    });
  });

  it('writes with the write token and reads with the read token', () => {
    const access = service();
    expect(access.kubeConfig('mgmt', 'write').getCurrentUser()?.token).toBe(
      'write-mgmt',
    );
    expect(access.kubeConfig('mgmt').getCurrentUser()?.token).toBe('read-mgmt');
    expect(
      access.kubeConfig('prod-eu-1', 'write').getCurrentUser()?.token,
    ).toBe('read-prod');
    expect(access.kubeConfig('prod-eu-1').getCurrentCluster()?.server).toBe(
      'https://prod.example:6443',
    );
  });

  it('throws NotFoundError for a cluster that is not configured', () => {
    expect(() => service().kubeConfig('https://evil.example')).toThrow(
      NotFoundError,
    );
    expect(() => service().getCluster('nope')).toThrow(
      'Cluster "nope" is not configured',
    );
  });

  it('refuses duplicate names, bad names and unknown provisioners', () => {
    expect(() => service([clusters[0], clusters[0]])).toThrow('listed twice');
    expect(() => service([{ ...clusters[0], name: 'Bad_Name' }])).toThrow(
      'not a DNS-1123 label',
    );
    expect(() => service([{ ...clusters[0], provisioner: 'eks' }])).toThrow(
      'unknown provisioner',
    );
    expect(() =>
      service([{ ...clusters[0], kubernetes: { url: 'file:///etc/passwd' } }]),
    ).toThrow('non-HTTP');
  });

  it("hands client-node each cluster's CA, and refuses one that is not a PEM certificate", () => {
    const { privateKey } = generateKeyPairSync('ec', {
      namedCurve: 'prime256v1',
    });
    const keyPem = privateKey
      .export({ type: 'pkcs8', format: 'pem' })
      .toString();
    // A key instead of a certificate: a likely copy-paste mistake.
    expect(() =>
      service([
        {
          ...clusters[0],
          kubernetes: { url: 'https://a:6443', caData: keyPem },
        },
      ]),
    ).toThrow('kubernetes.caData that is not the PEM of a CA certificate');
    const garbled =
      '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n';
    expect(() =>
      service([
        {
          ...clusters[0],
          kubernetes: { url: 'https://a:6443', caData: garbled },
        },
      ]),
    ).toThrow('kubernetes.caData');
    expect(
      service([
        {
          ...clusters[0],
          kubernetes: { url: 'https://a:6443', skipTLSVerify: true },
        },
      ])
        .kubeConfig('mgmt')
        .getCurrentCluster()?.skipTLSVerify,
    ).toBe(true);
  });
});
