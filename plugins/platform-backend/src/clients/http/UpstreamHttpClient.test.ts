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
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { UpstreamPolicies } from '../resilience/UpstreamPolicies';
import { UpstreamHttpClient } from './UpstreamHttpClient';

const TOKEN = 'secret-token-value';
const server = setupServer();
registerMswTestHooks(server);

function client(
  options: {
    cluster?: string;
    base?: string;
    policies?: UpstreamPolicies;
  } = {},
) {
  return new UpstreamHttpClient({
    target: {
      upstream: 'HAProxy stats',
      cluster: options.cluster ?? 'prod-eu-1',
      hint: 'platform.upstreams.haproxy.url',
      secrets: [TOKEN],
    },
    baseUrl: options.base ?? 'http://lb.test',
    headers: { Authorization: `Bearer ${TOKEN}` },
    policies:
      options.policies ??
      new UpstreamPolicies({
        timeoutMs: 200,
        maxRetries: 2,
        initialBackoffMs: 1,
        maxBackoffMs: 5,
        breakerFailures: 50,
      }),
  });
}

describe('UpstreamHttpClient', () => {
  it('retries a read after 503s and returns the answer that finally came', async () => {
    let calls = 0;
    server.use(
      http.get('http://lb.test/stats', () => {
        calls += 1;
        return calls < 3
          ? new HttpResponse('busy', { status: 503 })
          : HttpResponse.json({ up: true });
      }),
    );
    const result = await client().getJson<{ up: boolean }>('/stats');
    expect(result.data).toEqual({ up: true });
    expect(calls).toBe(3);
  });

  it('does not retry a 404 and says what was missing', async () => {
    let calls = 0;
    server.use(
      http.get('http://lb.test/nothing', () => {
        calls += 1;
        return HttpResponse.json({ message: 'no such page' }, { status: 404 });
      }),
    );
    await expect(client().getJson('/nothing')).rejects.toMatchObject({
      name: 'NotFoundError',
      message: expect.stringContaining('no such page'),
    });
    expect(calls).toBe(1);
  });

  it('gives up on a hanging upstream at the deadline, naming upstream, cluster and what to check', async () => {
    server.use(
      http.get('http://lb.test/stats', async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    const error = await client({
      policies: new UpstreamPolicies({ timeoutMs: 30, maxRetries: 0 }),
    })
      .getJson('/stats')
      .catch(e => e);
    expect(error.name).toBe('ServiceUnavailableError');
    expect(error.message).toContain('HAProxy stats of cluster prod-eu-1');
    expect(error.message).toContain('did not answer in time');
    expect(error.message).toContain('platform.upstreams.haproxy.url');
  });

  it('opens the circuit after repeated failures and stops calling that cluster', async () => {
    let calls = 0;
    server.use(
      http.get('http://lb.test/stats', () => {
        calls += 1;
        return new HttpResponse(null, { status: 502 });
      }),
    );
    const policies = new UpstreamPolicies({
      maxRetries: 0,
      breakerFailures: 2,
      halfOpenAfterMs: 60_000,
    });
    const c = client({ policies });
    await expect(c.getJson('/stats')).rejects.toThrow(/HTTP 502/);
    await expect(c.getJson('/stats')).rejects.toThrow(/HTTP 502/);
    await expect(c.getJson('/stats')).rejects.toThrow(
      /failed repeatedly and is not called for a while/,
    );
    expect(calls).toBe(2);
  });

  it('keeps one circuit per cluster, so a broken cluster does not block another', async () => {
    server.use(
      http.get(
        'http://broken.test/stats',
        () => new HttpResponse(null, { status: 500 }),
      ),
      http.get('http://fine.test/stats', () => HttpResponse.json({ ok: 1 })),
    );
    const policies = new UpstreamPolicies({
      maxRetries: 0,
      breakerFailures: 1,
    });
    const broken = client({
      policies,
      cluster: 'a',
      base: 'http://broken.test',
    });
    const fine = client({ policies, cluster: 'b', base: 'http://fine.test' });
    await expect(broken.getJson('/stats')).rejects.toThrow();
    await expect(broken.getJson('/stats')).rejects.toThrow(/not called/);
    await expect(fine.getJson('/stats')).resolves.toMatchObject({
      data: { ok: 1 },
    });
  });

  it('refuses a redirect to another host without sending the credential there', async () => {
    let otherHostCalls = 0;
    server.use(
      http.get('http://lb.test/stats', () =>
        HttpResponse.redirect('http://evil.test/collect', 302),
      ),
      http.get('http://evil.test/collect', () => {
        otherHostCalls += 1;
        return HttpResponse.json({});
      }),
    );
    await expect(client().getJson('/stats')).rejects.toThrow(
      /redirected to another host, which is refused/,
    );
    expect(otherHostCalls).toBe(0);
  });

  it('follows a redirect within the same origin', async () => {
    server.use(
      http.get('http://lb.test/old', () =>
        HttpResponse.redirect('http://lb.test/new', 301),
      ),
      http.get('http://lb.test/new', ({ request }) =>
        HttpResponse.json({
          auth: request.headers.get('authorization') !== null,
        }),
      ),
    );
    await expect(client().getJson('/old')).resolves.toMatchObject({
      data: { auth: true },
    });
  });

  it('maps a 401 to an authentication error that never repeats the token', async () => {
    server.use(
      http.get('http://lb.test/stats', ({ request }) =>
        HttpResponse.json(
          { message: `bad token ${request.headers.get('authorization')}` },
          { status: 401 },
        ),
      ),
    );
    const error = await client()
      .getJson('/stats')
      .catch(e => e);
    expect(error.name).toBe('AuthenticationError');
    expect(error.message).toContain('platform.upstreams.haproxy.url');
    expect(error.message).not.toContain(TOKEN);
  });

  it('names a refused connection as unreachable', async () => {
    server.use(http.get('http://lb.test/stats', () => HttpResponse.error()));
    const error = await client({
      policies: new UpstreamPolicies({ maxRetries: 0 }),
    })
      .getJson('/stats')
      .catch(e => e);
    expect(error.name).toBe('ServiceUnavailableError');
    expect(error.message).toContain('could not be reached');
  });

  it('treats a status the caller expects as an answer, not a failure', async () => {
    server.use(
      http.get(
        'http://lb.test/status/writable',
        () => new HttpResponse(null, { status: 503 }),
      ),
    );
    await expect(
      client().probe('/status/writable', [503]),
    ).resolves.toMatchObject({
      status: 503,
    });
  });

  it('refuses a chunked answer past the size limit and stops reading it', async () => {
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    let pulled = 0;
    server.use(
      http.get(
        'http://lb.test/huge',
        () =>
          new HttpResponse(
            new ReadableStream({
              pull(controller) {
                pulled += chunk.byteLength;
                controller.enqueue(chunk);
              },
            }),
            { headers: { 'Content-Type': 'application/json' } },
          ),
      ),
    );
    const error = await client({
      policies: new UpstreamPolicies({
        maxRetries: 0,
        maxResponseBytes: 1024 * 1024,
      }),
    })
      .getJson('/huge')
      .catch(e => e);
    expect(error.name).toBe('ServiceUnavailableError');
    expect(error.message).toContain('larger than the 1048576-byte limit');
    expect(error.message).toContain('platform.clients.maxResponseBytes');
    // The endless body was abandoned a few chunks past the limit, not read on.
    expect(pulled).toBeLessThan(4 * 1024 * 1024);
  });

  it('refuses a declared Content-Length past the size limit without reading the body', async () => {
    server.use(
      http.get(
        'http://lb.test/big',
        () =>
          new HttpResponse('x'.repeat(4096), {
            headers: { 'Content-Length': '4096' },
          }),
      ),
    );
    await expect(
      client({
        policies: new UpstreamPolicies({
          maxRetries: 0,
          maxResponseBytes: 1000,
        }),
      }).getText('/big'),
    ).rejects.toThrow(/larger than the 1000-byte limit/);
  });

  it('names malformed JSON as such, without retrying it as a network fault', async () => {
    let calls = 0;
    server.use(
      http.get('http://lb.test/stats', () => {
        calls += 1;
        return new HttpResponse('{"items":[{"name":', {
          headers: { 'Content-Type': 'application/json' },
        });
      }),
    );
    const error = await client()
      .getJson('/stats')
      .catch(e => e);
    expect(error.name).toBe('ServiceUnavailableError');
    expect(error.message).toMatch(
      /HAProxy stats of cluster prod-eu-1 sent malformed JSON/,
    );
    expect(calls).toBe(1);
  });
});
