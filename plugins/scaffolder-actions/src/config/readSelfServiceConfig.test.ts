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
import { readSelfServiceConfig } from './readSelfServiceConfig';

describe('readSelfServiceConfig', () => {
  it('takes the OIDC issuer of new clusters from platform.selfService.clusterOidc', () => {
    const config = readSelfServiceConfig(
      new ConfigReader({
        platform: {
          selfService: {
            clusterOidc: {
              issuerUrl: 'https://dex.corp.test/',
              clientId: 'k8s',
            },
          },
        },
      }),
    );
    expect(config.clusterOidc).toEqual({
      issuerUrl: 'https://dex.corp.test',
      clientId: 'k8s',
    });
  });

  it('else from the OIDC provider the portal signs in with, in its auth environment', () => {
    const config = readSelfServiceConfig(
      new ConfigReader({
        auth: {
          environment: 'production',
          providers: {
            oidc: {
              development: {
                metadataUrl:
                  'https://dev-dex.test/.well-known/openid-configuration',
              },
              production: {
                metadataUrl:
                  'https://dex.corp.test/dex/.well-known/openid-configuration',
              },
            },
          },
        },
      }),
    );
    expect(config.clusterOidc).toEqual({
      issuerUrl: 'https://dex.corp.test/dex',
      clientId: 'kubernetes',
    });
  });

  it('has no issuer and no GitLab when nothing is configured, rather than a made-up address', () => {
    const config = readSelfServiceConfig(new ConfigReader({}));
    expect(config.clusterOidc).toBeUndefined();
    expect(config.gitlab).toBeUndefined();
  });

  it('takes GitLab from the first integration', () => {
    const config = readSelfServiceConfig(
      new ConfigReader({
        integrations: { gitlab: [{ host: 'gitlab.corp.test', token: 'x' }] },
      }),
    );
    expect(config.gitlab).toEqual({ baseUrl: 'https://gitlab.corp.test' });
  });

  it('refuses a malformed issuer at start-up, naming the key', () => {
    expect(() =>
      readSelfServiceConfig(
        new ConfigReader({
          platform: { selfService: { clusterOidc: { issuerUrl: 'dex' } } },
        }),
      ),
    ).toThrow(
      'platform.selfService.clusterOidc.issuerUrl must be an absolute URL, got "dex"',
    );
  });

  it('links Argo CD where the portal reads it, with {cluster} as the one placeholder', () => {
    const read = (platform: object) =>
      readSelfServiceConfig(new ConfigReader({ platform })).argocd.baseUrl;
    expect(
      read({
        upstreams: { argocd: { url: 'https://argocd.{cluster}.corp/' } },
      }),
    ).toBe('https://argocd.{cluster}.corp');
    expect(
      read({
        upstreams: { argocd: { url: 'https://argocd.{cluster}.corp' } },
        selfService: { argocd: { baseUrl: 'https://cd.corp/{cluster}' } },
      }),
    ).toBe('https://cd.corp/{cluster}');
    expect(() =>
      read({
        selfService: { argocd: { baseUrl: 'https://cd.corp/<cluster>' } },
      }),
    ).toThrow(
      'platform.selfService.argocd.baseUrl: write the cluster placeholder as {cluster}, not <cluster>',
    );
    expect(() => read({ upstreams: { argocd: { url: 'argocd' } } })).toThrow(
      /^platform\.upstreams\.argocd\.url must be an absolute URL/,
    );
  });

  it('takes the platform team from permission.platformPolicy.platformTeams, its one setting', () => {
    const read = (data: object) =>
      readSelfServiceConfig(new ConfigReader(data)).platformTeam;
    expect(read({})).toBe('platform-team');
    expect(
      read({
        permission: {
          platformPolicy: { platformTeams: ['group:default/sre', 'ops'] },
        },
      }),
    ).toBe('sre');
    expect(() =>
      read({ platform: { selfService: { platformTeam: 'sre' } } }),
    ).toThrow(
      'platform.selfService.platformTeam is not read: the platform team is configured once, as permission.platformPolicy.platformTeams',
    );
  });

  it('reads GitLab and Grafana where the rest of the portal does, and names the keys that moved', () => {
    const config = readSelfServiceConfig(
      new ConfigReader({
        integrations: {
          gitlab: [
            { host: 'gitlab.corp.test', baseUrl: 'https://git.corp.test/' },
          ],
        },
        platform: {
          links: { grafana: { baseUrl: 'https://grafana.corp.test/' } },
        },
      }),
    );
    expect({ gitlab: config.gitlab, grafana: config.grafana }).toEqual({
      gitlab: { baseUrl: 'https://git.corp.test' },
      grafana: { baseUrl: 'https://grafana.corp.test' },
    });
    expect(() =>
      readSelfServiceConfig(
        new ConfigReader({
          platform: {
            selfService: { gitlab: { baseUrl: 'https://git.corp.test' } },
          },
        }),
      ),
    ).toThrow(
      'platform.selfService.gitlab is not read: configure integrations.gitlab',
    );
    expect(() =>
      readSelfServiceConfig(
        new ConfigReader({
          platform: {
            selfService: { grafana: { baseUrl: 'https://g.corp.test' } },
          },
        }),
      ),
    ).toThrow(
      'platform.selfService.grafana is not read: configure platform.links.grafana.baseUrl',
    );
  });
});
