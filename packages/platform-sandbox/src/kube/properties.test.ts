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

import { IncomingMessage, ServerResponse } from 'node:http';
import fc from 'fast-check';
import { KubeObject } from './objects';
import { OperationContext } from './operationContext';
import { listObjects } from './readOperations';
import { ResourceRegistry } from './resources';
import { ObjectStore } from './store';
import { serveWatch } from './watch';
import { patchObject } from './writeOperations';

const registry = new ResourceRegistry();
const CONFIGMAPS = registry.find('', 'v1', 'configmaps')!;
const NAMESPACES = ['default', 'team-a', 'team-b'];

function newStore(): ObjectStore {
  const store = new ObjectStore({ now: () => new Date('2026-01-01T00:00:00Z') });
  for (const name of NAMESPACES) store.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  return store;
}

function configMap(namespace: string, name: string, value = '0'): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data: { value } };
}

function context(store: ObjectStore, query: string, extra: Partial<OperationContext> = {}): OperationContext {
  return {
    type: CONFIGMAPS,
    request: { group: '', version: 'v1', resource: 'configmaps', verb: 'list' },
    query: new URLSearchParams(query),
    store,
    now: () => new Date('2026-01-01T00:00:00Z'),
    user: { username: 'test', groups: [] },
    userAgent: 'test',
    contentType: 'application/json',
    ...extra,
  };
}

type Change = { kind: 'create'; namespace: string; name: string } | { kind: 'update' | 'delete'; pick: number };

const changeArb: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), namespace: fc.constantFrom(...NAMESPACES), name: fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/) }),
  fc.record({ kind: fc.constantFrom('update' as const, 'delete' as const), pick: fc.nat() }),
);

function applyChange(store: ObjectStore, change: Change): void {
  if (change.kind === 'create') {
    if (!store.get('configmaps', change.namespace, change.name)) store.create('configmaps', configMap(change.namespace, change.name));
    return;
  }
  const items = store.list('configmaps');
  if (items.length === 0) return;
  const target = items[change.pick % items.length];
  if (change.kind === 'delete') store.delete('configmaps', target.metadata.namespace, target.metadata.name);
  else store.update('configmaps', { ...target, data: { value: String(Number((target.data as { value: string }).value) + 1) } });
}

const initialArb = fc.uniqueArray(
  fc.record({ namespace: fc.constantFrom(...NAMESPACES), name: fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/) }),
  { maxLength: 40, selector: o => `${o.namespace}/${o.name}` },
);

describe('list paging (property)', () => {
  it('returns every object of the first page snapshot exactly once while objects change between pages', () => {
    fc.assert(
      fc.property(initialArb, fc.integer({ min: 1, max: 9 }), fc.array(changeArb, { maxLength: 40 }), (initial, limit, changes) => {
        const store = newStore();
        for (const o of initial) store.create('configmaps', configMap(o.namespace, o.name));
        const expected = store.list('configmaps').map(o => `${o.metadata.namespace}/${o.metadata.name}`);
        const seen: string[] = [];
        let token: string | undefined;
        let version: string | undefined;
        const queue = [...changes];
        do {
          const query = `limit=${limit}${token ? `&continue=${token}` : ''}`;
          const page = listObjects(context(store, query)).body as { items: KubeObject[]; metadata: { continue?: string; resourceVersion: string } };
          seen.push(...page.items.map(o => `${o.metadata.namespace}/${o.metadata.name}`));
          version ??= page.metadata.resourceVersion;
          expect(page.metadata.resourceVersion).toBe(version);
          token = page.metadata.continue;
          for (const change of queue.splice(0, 3)) applyChange(store, change);
        } while (token);
        expect(seen).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });
});

interface CapturedWatch {
  events: Array<{ type: string; object: KubeObject }>;
  close: () => void;
}

function watchInProcess(store: ObjectStore, fromRv: number): CapturedWatch {
  const handlers: Array<() => void> = [];
  const events: CapturedWatch['events'] = [];
  const res = {
    headersSent: false,
    writeHead: () => res,
    flushHeaders: () => undefined,
    write: (chunk: string) => {
      for (const line of chunk.split('\n').filter(l => l !== '')) events.push(JSON.parse(line));
      return true;
    },
    end: () => undefined,
    on: (event: string, handler: () => void) => {
      if (event === 'close') handlers.push(handler);
      return res;
    },
  };
  const req = { on: res.on };
  serveWatch(req as unknown as IncomingMessage, res as unknown as ServerResponse, {
    store,
    resource: 'configmaps',
    matches: () => true,
    present: o => o,
    fromRv,
    bookmarks: false,
    bookmarkIntervalMs: 1000,
    timeoutMs: 60_000,
    apiVersion: 'v1',
    kind: 'ConfigMap',
  });
  return { events, close: () => handlers.forEach(h => h()) };
}

describe('watch (property)', () => {
  it('started from a list resourceVersion, misses no change: list + events equals the final state', () => {
    fc.assert(
      fc.property(initialArb, fc.array(changeArb, { maxLength: 25 }), fc.array(changeArb, { maxLength: 25 }), (initial, before, after) => {
        const store = newStore();
        for (const o of initial) store.create('configmaps', configMap(o.namespace, o.name));
        const list = listObjects(context(store, '')).body as { items: KubeObject[]; metadata: { resourceVersion: string } };
        // Changes land between the list and the watch, and while it runs.
        for (const change of before) applyChange(store, change);
        const watch = watchInProcess(store, Number(list.metadata.resourceVersion));
        for (const change of after) applyChange(store, change);
        watch.close();
        const state = new Map(list.items.map(o => [`${o.metadata.namespace}/${o.metadata.name}`, o.metadata.resourceVersion]));
        let lastRv = Number(list.metadata.resourceVersion);
        for (const event of watch.events) {
          const key = `${event.object.metadata.namespace}/${event.object.metadata.name}`;
          expect(Number(event.object.metadata.resourceVersion)).toBeGreaterThan(lastRv);
          lastRv = Number(event.object.metadata.resourceVersion);
          if (event.type === 'DELETED') state.delete(key);
          else state.set(key, event.object.metadata.resourceVersion);
        }
        const final = new Map(store.list('configmaps').map(o => [`${o.metadata.namespace}/${o.metadata.name}`, o.metadata.resourceVersion]));
        expect(state).toEqual(final);
      }),
      { numRuns: 150 },
    );
  });
});

describe('server-side apply (property)', () => {
  const labelArb = fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/), fc.stringMatching(/^[a-z0-9]{0,8}$/), { maxKeys: 5 });
  const dataArb = fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9_.-]{0,8}$/), fc.string({ maxLength: 12 }), { maxKeys: 6 });

  function apply(store: ObjectStore, manager: string, body: unknown) {
    return patchObject(
      context(store, `fieldManager=${manager}`, {
        request: { group: '', version: 'v1', resource: 'configmaps', namespace: 'default', name: 'applied', verb: 'patch' },
        contentType: 'application/apply-patch+yaml',
        body: JSON.stringify(body),
      }),
    );
  }

  it('applying the same configuration twice changes nothing, not even the resourceVersion', () => {
    fc.assert(
      fc.property(labelArb, dataArb, fc.constantFrom('argocd-controller', 'kubectl', 'portal'), (labels, data, manager) => {
        const store = newStore();
        const config = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'applied', namespace: 'default', labels }, data };
        const first = apply(store, manager, config);
        expect(first.status).toBe(201);
        const second = apply(store, manager, config);
        expect(second.status).toBe(200);
        expect(second.body).toEqual(first.body);
        expect(store.resourceVersion).toBe(Number((first.body as KubeObject).metadata.resourceVersion));
      }),
      { numRuns: 100 },
    );
  });
});
