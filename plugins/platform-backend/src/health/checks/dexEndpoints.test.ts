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

import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { UpstreamClients } from '../../clients/UpstreamClients';
import { UpstreamPolicies } from '../../clients/resilience/UpstreamPolicies';
import { readPlatformConfig } from '../../config/readPlatformConfig';
import { checkContext } from '../../__testUtils__/checkContext';
import { dexEndpointChecks } from './dexEndpoints';

// Dex misbehaving in ways the real one (dexEndpoints.realdex.test.ts) is not
// made to here.
const server = setupServer();
registerMswTestHooks(server);

const ISSUER = 'http://dex.test/test-1/dex';

function checks(upstreams: JsonObject) {
  return dexEndpointChecks(
    new UpstreamClients(
      readPlatformConfig(new ConfigReader({ platform: { upstreams } })),
      new UpstreamPolicies({ maxRetries: 0, timeoutMs: 1000 }),
    ),
  );
}

const [dexEndpoints] = checks({
  dex: { url: 'http://dex.test/{cluster}/dex' },
});

function dexAnswers(discovery: JsonObject, healthStatus: number) {
  server.use(
    http.get(`${ISSUER}/.well-known/openid-configuration`, () =>
      HttpResponse.json(discovery),
    ),
    http.get(`${ISSUER}/healthz`, () =>
      HttpResponse.text(
        healthStatus === 200 ? 'Health check passed' : 'Health check failed.',
        { status: healthStatus },
      ),
    ),
  );
}

const DISCOVERY = {
  issuer: ISSUER,
  authorization_endpoint: `${ISSUER}/auth`,
  token_endpoint: `${ISSUER}/token`,
  jwks_uri: `${ISSUER}/keys`,
};

describe('identity.dex-endpoints', () => {
  it('is not among the checks when platform.upstreams.dex is not set', () => {
    expect(checks({})).toEqual([]);
  });

  it("reads its own cluster's Dex and is ok when both answer", async () => {
    dexAnswers(DISCOVERY, 200);
    expect((await dexEndpoints.run(checkContext({}))).verdict).toBe('ok');
  });

  it('is critical when Dex reports its own health check failing', async () => {
    dexAnswers(DISCOVERY, 500);
    const result = await dexEndpoints.run(checkContext({}));
    expect(result.verdict).toBe('critical');
    expect(result.message).toBe(
      'Dex reports its own health check failing (HTTP 500)',
    );
  });

  it('is critical, naming what is missing, when the discovery document lacks an endpoint', async () => {
    const { jwks_uri: _, ...withoutKeys } = DISCOVERY;
    dexAnswers(withoutKeys, 200);
    const result = await dexEndpoints.run(checkContext({}));
    expect(result.verdict).toBe('critical');
    expect(result.message).toContain('lacks jwks_uri');
  });

  it('leaves a discovery document that is not JSON to the engine as unknown (throws)', async () => {
    server.use(
      http.get(`${ISSUER}/.well-known/openid-configuration`, () =>
        HttpResponse.text('<html>proxy error</html>'),
      ),
      http.get(`${ISSUER}/healthz`, () => HttpResponse.text('ok')),
    );
    await expect(dexEndpoints.run(checkContext({}))).rejects.toThrow(
      /Dex of cluster test-1/,
    );
  });
});
