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

import { kubeFetch } from './kubeFetch';
import { Sandbox } from './startSandbox';
import { controlCall, kubeCall, startTestSandbox } from './testSupport';

jest.setTimeout(60_000);

describe('control API faults beyond errors and hangs', () => {
  let sandbox: Sandbox;
  const admin = (cluster: string) => ({ Authorization: `Bearer ${sandbox.credentials.kubernetes[cluster].admin}` });
  const setBehaviour = async (body: Record<string, unknown>) => {
    const { status, json } = await controlCall(sandbox, 'POST', '/behaviour', body);
    expect({ status, json }).toMatchObject({ status: 200 });
  };

  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });

  afterAll(async () => {
    await sandbox.stop();
  });

  afterEach(async () => {
    await controlCall(sandbox, 'DELETE', '/behaviour');
  });

  it.each([
    [{ malformedJson: 'yes' }, 'malformedJson'],
    [{ hugeBodyBytes: -1 }, 'hugeBodyBytes'],
    [{ hugeBodyBytes: 1.5 }, 'hugeBodyBytes'],
    [{ redirectTo: 'ftp://elsewhere' }, 'redirectTo'],
    [{ redirectTo: 7 }, 'redirectTo'],
    [{ upstream: 'argocd', gone: true }, 'gone'],
    [{ upstream: 'gitlab', endlessPaging: true }, 'endlessPaging'],
    [{ upstream: 'nexus', dropWatches: true }, 'dropWatches'],
  ])('POST /behaviour %j is a 400 naming %s', async (body, field) => {
    const { status, json } = await controlCall(sandbox, 'POST', '/behaviour', body);
    expect(status).toBe(400);
    expect(json.field).toBe(field);
  });

  it('sends a JSON body cut off mid-object on one cluster only', async () => {
    await setBehaviour({ upstream: 'kubernetes', cluster: 'prod-eu-1', malformedJson: true });
    const broken = await kubeCall(sandbox, 'prod-eu-1', '/api/v1/nodes');
    expect(broken.status).toBe(200);
    expect(() => JSON.parse(broken.text)).toThrow(SyntaxError);
    const other = await kubeCall(sandbox, 'prod-eu-2', '/api/v1/nodes');
    expect(other.json.kind).toBe('NodeList');
  });

  it('streams a huge, valid JSON list without a Content-Length', async () => {
    const bytes = 5 * 1024 * 1024;
    await setBehaviour({ upstream: 'kubernetes', cluster: 'staging-1', hugeBodyBytes: bytes });
    const res = await kubeFetch(sandbox, 'staging-1', `/api/v1/configmaps`, { headers: admin('staging-1') });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBeNull();
    const text = await res.text();
    expect(text.length).toBeGreaterThanOrEqual(bytes);
    const list = JSON.parse(text);
    expect(list.kind).toBe('List');
    expect(list.items[0]).toMatchObject({ kind: 'ConfigMap', metadata: { name: 'filler-0' } });
  });

  it('redirects to another host and port, keeping the path', async () => {
    await setBehaviour({ upstream: 'kubernetes', cluster: 'mgmt', redirectTo: 'http://127.0.0.1:7651/' });
    const res = await kubeFetch(sandbox, 'mgmt', `/api/v1/nodes?limit=5`, { headers: admin('mgmt') });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.origin).toBe('http://127.0.0.1:7651');
    expect(`${location.pathname}${location.search}`).toBe('/api/v1/nodes?limit=5');
  });

  it('answers 410 Gone with an Expired Status on lists and an ERROR event on watches', async () => {
    await setBehaviour({ upstream: 'kubernetes', cluster: 'prod-eu-2', gone: true });
    const list = await kubeCall(sandbox, 'prod-eu-2', '/api/v1/pods?limit=10');
    expect(list.status).toBe(410);
    expect(list.json).toMatchObject({ kind: 'Status', status: 'Failure', code: 410, reason: 'Expired' });
    const watch = await kubeCall(sandbox, 'prod-eu-2', '/api/v1/pods?watch=true&resourceVersion=5');
    expect(watch.status).toBe(200);
    const event = JSON.parse(watch.text.trim());
    expect(event).toMatchObject({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } });
    expect(event.object.message).toContain('resource version: 5');
    // A get is not a list: it still answers.
    expect((await kubeCall(sandbox, 'prod-eu-2', '/api/v1/namespaces/default')).status).toBe(200);
    expect((await kubeCall(sandbox, 'prod-eu-1', '/api/v1/pods?limit=10')).status).toBe(200);
  });

  it('pages forever: every page, even an empty one, carries another continue token', async () => {
    await setBehaviour({ upstream: 'kubernetes', cluster: 'onprem-kubeadm-1', endlessPaging: true });
    const first = await kubeCall(sandbox, 'onprem-kubeadm-1', '/api/v1/namespaces?limit=500');
    expect(first.json.items.length).toBeGreaterThan(0);
    let token: string = first.json.metadata.continue;
    for (let page = 1; page < 5; page++) {
      expect(token).toEqual(expect.any(String));
      const res = await kubeCall(sandbox, 'onprem-kubeadm-1', `/api/v1/namespaces?limit=500&continue=${encodeURIComponent(token)}`);
      expect(res.status).toBe(200);
      expect(res.json.items).toEqual([]);
      token = res.json.metadata.continue;
    }
    expect(token).toEqual(expect.any(String));
    const normal = await kubeCall(sandbox, 'edge-rke2-1', '/api/v1/namespaces?limit=500');
    expect(normal.json.metadata.continue).toBeUndefined();
  });

  it('cuts watch streams off after their first events', async () => {
    await setBehaviour({ upstream: 'kubernetes', cluster: 'edge-rke2-1', dropWatches: true });
    const res = await kubeFetch(sandbox, 'edge-rke2-1', `/api/v1/namespaces?watch=true`, { headers: admin('edge-rke2-1') });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let received = '';
    const dropped = await (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return false;
          received += Buffer.from(value).toString('utf8');
        }
      } catch {
        return true;
      }
    })();
    expect(dropped).toBe(true);
    expect(received.split('\n')[0]).toContain('"type":"ADDED"');
  });
});
