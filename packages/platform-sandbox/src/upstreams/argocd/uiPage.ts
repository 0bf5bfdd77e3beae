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

import { ServerResponse } from 'node:http';
import { ArgoCdCluster } from './ArgoCdCluster';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
}

/**
 * What a browser sees at `/applications/<namespace>/<name>`, the Argo CD UI's
 * address of an application: the simulator has no UI, so it shows the
 * application's sync and health as the API reports them, instead of a 404
 * behind the scaffolder's and the portal's links.
 */
export function sendApplicationPage(
  res: ServerResponse,
  instance: ArgoCdCluster,
  namespace: string,
  name: string,
  now: number,
): void {
  const app = instance.apps.get(name);
  const detail = app
    ? [
        `project: ${app.project}`,
        `sync: ${instance.syncStatus(app, now)}`,
        `health: ${instance.health(app, now).status}`,
        `version: ${app.version}`,
        `automated sync: ${app.automated ? 'on' : 'off'}`,
      ].join('\n')
    : 'Not among the applications this simulated Argo CD tracks; an Application created in the cluster by self-service is read from the cluster, not from here.';
  const title = `${namespace}/${name} on ${instance.cluster.name}`;
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Argo CD (simulated) - ${escapeHtml(title)}</title></head>` +
    `<body><h1>Argo CD (simulated): ${escapeHtml(title)}</h1><p>platform-sandbox has no Argo CD UI; this is what the link opens.</p>` +
    `<pre id="application-state">${escapeHtml(detail)}</pre></body></html>`;
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
  });
  res.end(html);
}
