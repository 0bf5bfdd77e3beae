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

import { parse } from 'yaml';
import { defaultFleet } from '../scenario/defaultFleet';
import { createGitLabSimulator } from '../upstreams/gitlab/GitLabSimulator';
import { UpstreamSimulator } from '../upstreams/types';
import { appConfigYaml, sandboxDescription } from './sandboxFiles';
import { Sandbox, startSandbox } from './startSandbox';

/** A stand-in upstream that echoes what the router handed it. */
function echo(mount: string, perCluster: boolean): UpstreamSimulator {
  return {
    id: 'argocd',
    mount,
    perCluster,
    async handle(_req, res, path, cluster) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ mount, path, cluster: cluster ?? null }));
    },
  };
}

describe('sandbox files and upstream mounts', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({
      fleet: defaultFleet(),
      port: 0,
      controlPort: 0,
      realTimeTicks: false,
      upstreams: () => [echo('argocd', true), echo('nexus', false), { ...echo('prometheus', false), id: 'prometheus' }, { ...echo('mimir', false), id: 'prometheus' }],
    });
  });

  afterAll(async () => {
    await sandbox.stop();
  });

  it('routes /<mount>/<cluster>/... and /<mount>/... to the upstreams with the prefix stripped', async () => {
    const perCluster = await (await fetch(`${sandbox.url}/argocd/prod-eu-2/api/v1/applications?projects=payments`)).json();
    expect(perCluster).toEqual({ mount: 'argocd', path: '/api/v1/applications?projects=payments', cluster: 'prod-eu-2' });
    const shared = await (await fetch(`${sandbox.url}/nexus/service/rest/v1/status`)).json();
    expect(shared).toEqual({ mount: 'nexus', path: '/service/rest/v1/status', cluster: null });
    expect((await fetch(`${sandbox.url}/argocd/no-such-cluster/api/v1/applications`)).status).toBe(404);
  });

  it('writes the Backstage Kubernetes plugin config with read-only tokens and the platform cluster list', () => {
    const config = parse(appConfigYaml(sandbox));
    expect(config.kubernetes.serviceLocatorMethod).toEqual({ type: 'multiTenant' });
    const clusters = config.kubernetes.clusterLocatorMethods[0].clusters;
    expect(clusters).toHaveLength(6);
    expect(clusters[1]).toEqual({
      name: 'prod-eu-1',
      url: sandbox.kubernetesUrl('prod-eu-1'),
      authProvider: 'serviceAccount',
      serviceAccountToken: sandbox.credentials.kubernetes['prod-eu-1'].reader,
      caData: Buffer.from(sandbox.caData('prod-eu-1')).toString('base64'),
      skipMetricsLookup: false,
    });
    expect(config.platform.sandbox).toMatchObject({ enabled: true, controlUrl: sandbox.controlUrl, upstreams: { argocd: { url: `${sandbox.url}/argocd`, perCluster: true } } });
    const mgmt = config.platform.clusters.find((c: any) => c.name === 'mgmt');
    expect(mgmt).toMatchObject({ management: true, provisioner: 'kubeadm', upstreams: { argocd: `${sandbox.url}/argocd/mgmt` } });
    expect(config.platform.clusters.find((c: any) => c.name === 'staging-1')).toMatchObject({ management: false, managementCluster: 'mgmt' });
    expect(config.platform.clusters.find((c: any) => c.name === 'staging-1').kubernetes).toEqual({
      url: sandbox.kubernetesUrl('staging-1'),
      token: sandbox.credentials.kubernetes['staging-1'].reader,
      writeToken: sandbox.credentials.kubernetes['staging-1'].admin,
      caData: sandbox.caData('staging-1'),
    });
    expect(config.platform.selfService.allowedDomains).toEqual([sandbox.fleetSpec.domain]);
    // The templates' output links lead to the simulated Argo CD of the target cluster and to Grafana.
    expect(config.platform.selfService.argocd).toEqual({ baseUrl: `${sandbox.url}/argocd/{cluster}` });
    expect(config.platform.selfService.grafana).toBeUndefined();
    // No GitLab is mounted here, so there is no integration to point at.
    expect(config.integrations).toBeUndefined();
    expect(config.platform.upstreams.prometheus).toEqual({ url: `${sandbox.url}/mimir/prometheus`, tenant: sandbox.credentials.tenant });
    expect(config.platform.upstreams.argocd).toEqual({
      url: `${sandbox.url}/argocd/{cluster}`,
      token: sandbox.credentials.argocdToken,
      username: sandbox.credentials.argocdUsername,
      password: sandbox.credentials.argocdPassword,
    });
  });

  it('gives the GitLab integration an address whose clone URLs lead back to the sandbox', async () => {
    const withGitLab = await startSandbox({ fleet: defaultFleet(), realTimeTicks: false, upstreams: ctx => [createGitLabSimulator(ctx)] });
    try {
      const config = parse(appConfigYaml(withGitLab));
      const gitlab = `${withGitLab.url}/gitlab`;
      expect(config.integrations.gitlab).toEqual([
        { host: new URL(withGitLab.url).host, baseUrl: gitlab, apiBaseUrl: `${gitlab}/api/v4`, token: withGitLab.credentials.gitlabToken },
      ]);
      const project = await fetch(`${config.integrations.gitlab[0].apiBaseUrl}/projects/team-payments%2Fpayments-api`, {
        headers: { 'PRIVATE-TOKEN': config.integrations.gitlab[0].token },
      });
      expect((await project.json()).http_url_to_repo).toBe(`${gitlab}/team-payments/payments-api.git`);
    } finally {
      await withGitLab.stop();
    }
  });

  it('describes every endpoint and credential in sandbox.json', () => {
    const description = sandboxDescription(sandbox) as any;
    expect(description.controlUrl).toBe(sandbox.controlUrl);
    expect(description.clusters[0].kubernetes.tokens.admin).toBe(sandbox.credentials.kubernetes.mgmt.admin);
    expect(description.upstreams.nexus).toEqual({ id: 'argocd', url: `${sandbox.url}/nexus`, perCluster: false });
  });
});
