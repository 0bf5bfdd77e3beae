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

import { Sandbox } from '@platform-portal/platform-sandbox';
import { UpstreamFailure } from '../resilience/UpstreamFailure';
import { startUpstreamSandbox } from '../../__testUtils__/startUpstreamSandbox';
import { TEST_CA_PEM } from '../../__testUtils__/testCaCertificate';
import { fetchWithinOrigin } from './fetchWithinOrigin';
import { upstreamAgent } from './upstreamAgents';

describe('fetchWithinOrigin over TLS, against the sandbox with its own CA', () => {
  let sandbox: Sandbox;
  let url: string;
  let ca: string;
  let headers: Record<string, string>;

  beforeAll(async () => {
    sandbox = await startUpstreamSandbox();
    const cluster = sandbox.clusters[0].name;
    url = `${sandbox.kubernetesUrl(cluster)}/api/v1/namespaces`;
    ca = sandbox.caData(cluster);
    headers = {
      Authorization: `Bearer ${sandbox.credentials.kubernetes[cluster].reader}`,
    };
  });

  afterAll(async () => {
    await sandbox?.stop();
  });

  const failureOf = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      error => error as UpstreamFailure,
    );

  it("reads with the upstream's own CA", async () => {
    const response = await fetchWithinOrigin(url, {
      headers,
      tls: { caData: ca },
      signal: AbortSignal.timeout(10_000),
    });
    expect(response.status).toBe(200);
    expect((await response.json()).kind).toBe('NamespaceList');
  });

  it('reads without verification when skipTLSVerify is set', async () => {
    const response = await fetchWithinOrigin(url, {
      headers,
      tls: { skipTLSVerify: true },
      signal: AbortSignal.timeout(10_000),
    });
    expect(response.status).toBe(200);
    await response.body?.cancel();
  });

  it('refuses a certificate from another CA as a tls failure, never retried', async () => {
    const otherCluster = sandbox.caData(sandbox.clusters[1].name);
    for (const tls of [
      { caData: TEST_CA_PEM },
      { caData: otherCluster },
      undefined,
    ]) {
      const failure = await failureOf(
        fetchWithinOrigin(url, {
          headers,
          tls,
          signal: AbortSignal.timeout(10_000),
        }),
      );
      expect(failure).toBeInstanceOf(UpstreamFailure);
      expect(failure?.kind).toBe('tls');
      expect(failure?.message).toMatch(
        /^(SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE): /,
      );
      expect(failure?.transient).toBe(false);
    }
  });

  it('shares one agent per distinct TLS setting', () => {
    expect(upstreamAgent({ caData: ca })).toBe(upstreamAgent({ caData: ca }));
    expect(upstreamAgent({ caData: ca })).not.toBe(
      upstreamAgent({ caData: TEST_CA_PEM }),
    );
    expect(upstreamAgent({ caData: ca })).not.toBe(
      upstreamAgent({ caData: ca, skipTLSVerify: true }),
    );
    expect(upstreamAgent()).toBe(upstreamAgent({ skipTLSVerify: false }));
  });
});
