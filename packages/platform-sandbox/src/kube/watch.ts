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
import { KubeObject } from './objects';
import { Matcher } from './selectors';
import { expired } from './status';
import { ObjectStore, StoreEvent, TooOldError } from './store';

export interface WatchOptions {
  store: ObjectStore;
  resource: string;
  namespace?: string;
  matches: Matcher;
  /** Converts a stored object to the version the client asked for. */
  present: (object: KubeObject) => KubeObject;
  /** Start after this revision; undefined or 0 sends the current state as ADDED first. */
  fromRv?: number;
  bookmarks: boolean;
  bookmarkIntervalMs: number;
  timeoutMs: number;
  apiVersion: string;
  kind: string;
}

type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/**
 * Streams watch events as newline-delimited JSON over a chunked response,
 * like the API server: replays changes after `resourceVersion`, reports a
 * compacted revision as an ERROR event carrying a 410 Status, and sends
 * BOOKMARK events when asked to.
 */
export function serveWatch(req: IncomingMessage, res: ServerResponse, options: WatchOptions): void {
  const { store, resource, namespace, matches, present } = options;
  let lastRv = options.fromRv ?? 0;
  const write = (type: WatchEventType, object: unknown) => {
    res.write(`${JSON.stringify({ type, object })}\n`);
  };
  const inScope = (object: KubeObject | undefined) =>
    !!object && (!namespace || object.metadata.namespace === namespace) && matches(object);

  const deliver = (event: StoreEvent) => {
    if (event.resource !== resource) return;
    lastRv = event.rv;
    const now = inScope(event.object) && event.type !== 'DELETED';
    const before = inScope(event.previous);
    if (event.type === 'DELETED') {
      if (before) write('DELETED', present(event.object));
    } else if (now && before) {
      write('MODIFIED', present(event.object));
    } else if (now) {
      write('ADDED', present(event.object));
    } else if (before) {
      // The object left the selection: watchers see it as deleted.
      write('DELETED', present(event.object));
    }
  };

  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
  // Send the headers now: clients (client-node's informer) wait for them before any event exists.
  res.flushHeaders();
  let replay: StoreEvent[] = [];
  if (options.fromRv) {
    try {
      replay = store.changesSince(options.fromRv);
    } catch (error) {
      if (!(error instanceof TooOldError)) throw error;
      const status = expired(`too old resource version: ${options.fromRv} (${store.oldestResourceVersion})`).toStatus();
      write('ERROR', status);
      res.end();
      return;
    }
  } else {
    for (const object of store.list(resource, namespace)) {
      if (matches(object)) write('ADDED', present(object));
    }
    lastRv = store.resourceVersion;
  }
  for (const event of replay) deliver(event);
  const unsubscribe = store.subscribe(deliver);

  const bookmark = () =>
    write('BOOKMARK', {
      kind: options.kind,
      apiVersion: options.apiVersion,
      metadata: { resourceVersion: String(Math.max(lastRv, store.resourceVersion)) },
    });
  const bookmarkTimer = options.bookmarks ? setInterval(bookmark, options.bookmarkIntervalMs) : undefined;
  let stopped = false;
  let timeout: NodeJS.Timeout | undefined = undefined;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    unsubscribe();
    if (bookmarkTimer) clearInterval(bookmarkTimer);
    clearTimeout(timeout);
    res.end();
  };
  timeout = setTimeout(stop, options.timeoutMs);
  req.on('close', stop);
  res.on('close', stop);
}
