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

import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { X509Certificate } from 'node:crypto';
import { request } from 'node:https';
import { parse } from 'yaml';
import { defaultFleet } from '../scenario/defaultFleet';
import { ClusterListeners } from './clusterListeners';
import { appConfigYaml, sandboxDescription } from './sandboxFiles';
import { Sandbox, startSandbox } from './startSandbox';

jest.setTimeout(30_000);

/** GET over HTTPS trusting `ca` only; resolves with the status or rejects with the TLS error. */
function get(url: string, ca: string, token = ''): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, headers: token ? { Authorization: `Bearer ${token}` } : {}, timeout: 10_000 }, res => {
      let body = '';
      res.on('data', chunk => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error('no answer in 10 s')));
    req.on('error', reject);
    req.end();
  });
}

describe('each cluster on HTTPS with its own CA', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ fleet: defaultFleet(), port: 0, controlPort: 0, realTimeTicks: false });
  });

  afterAll(async () => {
    await sandbox.stop();
  });

  it('gives every cluster its own port and its own CA, which signed that port’s certificate only', async () => {
    const names = sandbox.clusters.map(c => c.name);
    const urls = names.map(name => sandbox.kubernetesUrl(name));
    expect(urls.every(url => /^https:\/\/127\.0\.0\.1:\d+$/.test(url))).toBe(true);
    expect(new Set(urls).size).toBe(names.length);
    const cas = names.map(name => new X509Certificate(sandbox.caData(name)));
    expect(new Set(cas.map(ca => ca.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'))).size).toBe(names.length);
    expect(cas.every(ca => ca.ca)).toBe(true);

    const token = sandbox.credentials.kubernetes['prod-eu-1'].reader;
    const own = await get(`${sandbox.kubernetesUrl('prod-eu-1')}/api/v1/namespaces/storefront`, sandbox.caData('prod-eu-1'), token);
    expect(own.status).toBe(200);
    expect(JSON.parse(own.body).metadata.name).toBe('storefront');
    await expect(get(`${sandbox.kubernetesUrl('prod-eu-1')}/api/v1/namespaces`, sandbox.caData('prod-eu-2'), token)).rejects.toMatchObject({
      code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    });
  });

  it('serves each API at its root, as a real API server, and kubectl-style clients verify it from the kubeconfig', async () => {
    const kc = new KubeConfig();
    kc.loadFromString(sandbox.kubeconfig('reader'));
    kc.setCurrentContext('edge-rke2-1');
    expect(kc.getCurrentCluster()?.server).toBe(sandbox.kubernetesUrl('edge-rke2-1'));
    expect(kc.getCurrentCluster()?.skipTLSVerify).toBeFalsy();
    expect(kc.getCurrentCluster()?.caData).toBe(Buffer.from(sandbox.caData('edge-rke2-1')).toString('base64'));
    const nodes = await kc.makeApiClient(CoreV1Api).listNode();
    expect(nodes.items.map(n => n.status?.nodeInfo?.kubeletVersion)).toEqual(['v1.33.4+rke2r1', 'v1.33.4+rke2r1', 'v1.33.4+rke2r1']);
    const api = JSON.parse((await get(`${sandbox.kubernetesUrl('edge-rke2-1')}/api`, sandbox.caData('edge-rke2-1'), sandbox.credentials.kubernetes['edge-rke2-1'].reader)).body);
    expect(api.serverAddressByClientCIDRs[0].serverAddress).toBe(new URL(sandbox.kubernetesUrl('edge-rke2-1')).host);
  });

  it('serves no Kubernetes API on the plain HTTP port of the other simulators', async () => {
    const res = await fetch(`${sandbox.url}/k8s/prod-eu-1/api/v1/namespaces`);
    expect(res.status).toBe(404);
    expect((await res.json()).message).toMatch(/HTTPS/);
  });

  it('writes each cluster’s CA into the app-config, the kubeconfig and sandbox.json, and nowhere skips verification', () => {
    const config = parse(appConfigYaml(sandbox));
    for (const cluster of config.platform.clusters) {
      expect(cluster.kubernetes.url).toBe(sandbox.kubernetesUrl(cluster.name));
      expect(cluster.kubernetes.caData).toBe(sandbox.caData(cluster.name));
      expect(cluster.kubernetes.skipTLSVerify).toBeUndefined();
    }
    for (const cluster of config.kubernetes.clusterLocatorMethods[0].clusters) {
      expect(Buffer.from(cluster.caData, 'base64').toString()).toBe(sandbox.caData(cluster.name));
      expect(cluster.skipTLSVerify).toBeUndefined();
    }
    const kubeconfig = parse(sandbox.kubeconfig('admin'));
    for (const { name, cluster } of kubeconfig.clusters) {
      expect(Buffer.from(cluster['certificate-authority-data'], 'base64').toString()).toBe(sandbox.caData(name));
      expect(cluster['insecure-skip-tls-verify']).toBeUndefined();
    }
    const description = sandboxDescription(sandbox) as { clusters: Array<{ name: string; kubernetes: { caData: string } }> };
    expect(description.clusters.map(c => c.kubernetes.caData)).toEqual(description.clusters.map(c => sandbox.caData(c.name)));
  });
});

describe('ClusterListeners', () => {
  it('has a port at once for a cluster it has not seen (a cluster the Cluster API declares), serving it with that cluster’s CA', async () => {
    const seen: string[] = [];
    const listeners = new ClusterListeners('127.0.0.1', (cluster, req, res) => {
      seen.push(`${cluster} ${req.url}`);
      res.end('ok');
    });
    try {
      await listeners.start(['known']);
      const ports = ['new-1', 'new-2', 'new-3', 'new-4'].map(name => listeners.port(name));
      expect(new Set([...ports, listeners.port('known')]).size).toBe(5);
      expect(listeners.port('new-1')).toBe(ports[0]);
      expect((await get(`https://127.0.0.1:${ports[3]}/readyz`, listeners.certificates('new-4').ca)).body).toBe('ok');
      await expect(get(`https://127.0.0.1:${ports[0]}/readyz`, listeners.certificates('known').ca)).rejects.toThrow(/verify/);
      expect(seen).toEqual(['new-4 /readyz']);
    } finally {
      await listeners.close();
    }
  });
});
