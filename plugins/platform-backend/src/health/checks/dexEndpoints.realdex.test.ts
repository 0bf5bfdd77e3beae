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
import { UpstreamClients } from '../../clients/UpstreamClients';
import { UpstreamPolicies } from '../../clients/resilience/UpstreamPolicies';
import { readPlatformConfig } from '../../config/readPlatformConfig';
import { checkContext } from '../../__testUtils__/checkContext';
import {
  RealDex,
  realDexForSuite,
  startRealDex,
} from '../../__testUtils__/realDex';
import { dexEndpointChecks } from './dexEndpoints';

const SUITE = 'identity.dex-endpoints against the real Dex';
const binary = realDexForSuite(SUITE);

(binary ? describe : describe.skip)(SUITE, () => {
  let dex: RealDex;

  beforeAll(async () => {
    dex = await startRealDex({
      binary: binary!,
      clientId: 'platform-portal',
      redirectURIs: ['http://localhost:7007/api/auth/oidc/handler/frame'],
    });
  }, 60_000);

  afterAll(() => dex?.stop());

  function check() {
    const clients = new UpstreamClients(
      readPlatformConfig(
        new ConfigReader({
          platform: { upstreams: { dex: { url: dex.issuer } } },
        }),
      ),
      new UpstreamPolicies({ maxRetries: 0, timeoutMs: 2000 }),
    );
    const [dexEndpoints] = dexEndpointChecks(clients);
    return dexEndpoints;
  }

  it('is ok with the issuer Dex names in its discovery document and its /healthz passing', async () => {
    const result = await check().run(checkContext({}));
    expect(result).toMatchObject({
      verdict: 'ok',
      message: `Dex answers as ${dex.issuer} and its health check passes`,
    });
    expect(result.evidence).toEqual([
      expect.objectContaining({ field: 'issuer', value: dex.issuer }),
      expect.objectContaining({ field: '/healthz', value: 'HTTP 200' }),
    ]);
  });

  it('is critical, saying nobody can sign in, once Dex is stopped', async () => {
    await dex.stop();
    const result = await check().run(checkContext({}));
    expect(result.verdict).toBe('critical');
    expect(result.message).toMatch(
      /^Nobody can sign in: Dex of cluster test-1 could not be reached/,
    );
  });
});
