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
import { ArgoCdCluster } from './ArgoCdCluster';
import { ArgoApp } from './model';
import { renderApplication } from './render';

/** What a watcher is told about: the fields that change through sync, health and operations. */
function fingerprint(app: ReturnType<typeof renderApplication>): string {
  const { sync, health, operationState, history, summary } = app.status;
  return JSON.stringify({ sync: sync.status, revision: sync.revision, health, phase: operationState?.phase, history: history.length, summary });
}

/**
 * `GET /api/v1/stream/applications` as server-sent events: ADDED for each
 * matching app, then MODIFIED whenever one changes, until the client leaves.
 */
export function streamApplications(
  req: IncomingMessage,
  res: ServerResponse,
  instance: ArgoCdCluster,
  matches: (app: ArgoApp) => boolean,
  now: () => number,
): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
  });
  const seen = new Map<string, string>();
  const send = (type: 'ADDED' | 'MODIFIED', rendered: ReturnType<typeof renderApplication>) => {
    res.write(`data: ${JSON.stringify({ result: { type, application: rendered } })}\n\n`);
  };
  let publishing = false;
  const publish = () => {
    // reconcile() may itself report a change; one pass covers it.
    if (publishing) return;
    publishing = true;
    const at = now();
    instance.reconcile(at);
    for (const app of instance.apps.values()) {
      if (!matches(app)) continue;
      const rendered = renderApplication(instance, app, at);
      const print = fingerprint(rendered);
      const previous = seen.get(app.name);
      if (previous === print) continue;
      seen.set(app.name, print);
      send(previous === undefined ? 'ADDED' : 'MODIFIED', rendered);
    }
    publishing = false;
  };
  publish();
  const stop = instance.onChange(publish);
  req.on('close', stop);
  res.on('close', stop);
}
