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
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { UpstreamPolicies } from '../resilience/UpstreamPolicies';
import { KubernetesClient } from './KubernetesClient';

// client-node looks the kind up in discovery before listing it.
const server = setupServer(
  http.get('http://k8s.test/api/v1', () =>
    HttpResponse.json({
      kind: 'APIResourceList',
      groupVersion: 'v1',
      resources: [
        {
          name: 'pods',
          singularName: 'pod',
          namespaced: true,
          kind: 'Pod',
          verbs: ['get', 'list'],
        },
      ],
    }),
  ),
);
registerMswTestHooks(server);

const PODS = 'http://k8s.test/api/v1/pods';

function client(policies = new UpstreamPolicies({ maxRetries: 0 })) {
  return new KubernetesClient(
    {
      name: 'prod-eu-1',
      kubernetes: { url: 'http://k8s.test', token: 'reader-token' },
    } as never,
    policies,
    'platform.clusters[1]',
  );
}

const pod = (name: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
});

const podList = (names: string[], next?: string) => ({
  apiVersion: 'v1',
  kind: 'PodList',
  metadata: next ? { continue: next } : {},
  items: names.map(pod),
});

const expiredStatus = {
  kind: 'Status',
  apiVersion: 'v1',
  status: 'Failure',
  reason: 'Expired',
  code: 410,
  message: 'too old continue token',
};

describe('KubernetesClient.list', () => {
  it('restarts a list whose continue token expired, once, and returns the whole list', async () => {
    const requests: Array<string | null> = [];
    server.use(
      http.get(PODS, ({ request }) => {
        const token = new URL(request.url).searchParams.get('continue');
        requests.push(token);
        if (token === 'stale') {
          return HttpResponse.json(expiredStatus, { status: 410 });
        }
        if (token === 'fresh') {
          return HttpResponse.json(podList(['b']));
        }
        const first = requests.filter(t => t === null).length === 1;
        return HttpResponse.json(podList(['a'], first ? 'stale' : 'fresh'));
      }),
    );
    const { items } = await client().list('v1', 'Pod');
    expect(items.map(i => i.metadata?.name)).toEqual(['a', 'b']);
    expect(requests).toEqual([null, 'stale', null, 'fresh']);
  });

  it('names the kind on items that a list leaves it off, as a real API server does for built-in kinds', async () => {
    server.use(
      http.get(PODS, () =>
        HttpResponse.json({
          apiVersion: 'v1',
          kind: 'PodList',
          metadata: {},
          items: [{ metadata: { name: 'a', namespace: 'default' } }],
        }),
      ),
    );
    const { items } = await client().list('v1', 'Pod');
    expect(items).toEqual([
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'a', namespace: 'default' },
      },
    ]);
  });

  it('reports a list that keeps expiring as a 410 rather than looping', async () => {
    server.use(
      http.get(PODS, ({ request }) =>
        new URL(request.url).searchParams.get('continue')
          ? HttpResponse.json(expiredStatus, { status: 410 })
          : HttpResponse.json(podList(['a'], 'stale')),
      ),
    );
    await expect(client().list('v1', 'Pod')).rejects.toThrow(
      /Kubernetes API of cluster prod-eu-1 answered HTTP 410 \(the Pod list expired twice while paging\)/,
    );
  });

  it('refuses a list whose continue token never ends after maxListPages pages', async () => {
    let calls = 0;
    server.use(
      http.get(PODS, () => {
        calls += 1;
        return HttpResponse.json(podList([], `page-${calls}`));
      }),
    );
    const error = await client(
      new UpstreamPolicies({ maxRetries: 0, maxListPages: 7 }),
    )
      .list('v1', 'Pod')
      .catch(e => e);
    expect(error.message).toMatch(
      /Kubernetes API of cluster prod-eu-1 kept paging \(Pod list still had a continue token after 7 pages\)/,
    );
    expect(error.message).toContain('platform.clients.maxListPages');
    expect(calls).toBe(7);
  });

  it('names malformed JSON and does not retry it', async () => {
    let calls = 0;
    server.use(
      http.get(PODS, () => {
        calls += 1;
        return new HttpResponse('{"kind":"PodList","items":[{"metadata":', {
          headers: { 'Content-Type': 'application/json' },
        });
      }),
    );
    await expect(
      client(new UpstreamPolicies({ maxRetries: 2, initialBackoffMs: 1 })).list(
        'v1',
        'Pod',
      ),
    ).rejects.toThrow(
      /Kubernetes API of cluster prod-eu-1 sent malformed JSON/,
    );
    expect(calls).toBe(1);
  });

  it('refuses an answer past maxResponseBytes', async () => {
    server.use(
      http.get(PODS, () =>
        HttpResponse.json(
          podList(Array.from({ length: 200 }, (_, i) => `pod-${i}`)),
        ),
      ),
    );
    await expect(
      client(
        new UpstreamPolicies({ maxRetries: 0, maxResponseBytes: 2048 }),
      ).list('v1', 'Pod'),
    ).rejects.toThrow(/sent a response larger than the 2048-byte limit/);
  });
});
