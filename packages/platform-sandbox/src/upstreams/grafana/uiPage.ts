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

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
}

/**
 * What a browser sees at `/explore` and `/d/<uid>`: the simulator has no
 * Grafana UI, so it shows what the link asked for (the decoded Explore panes
 * or the dashboard and its variables) instead of an API 401.
 */
export function sendUiPage(res: ServerResponse, segments: string[], query: URLSearchParams): void {
  let title: string;
  let detail: string;
  if (segments[0] === 'explore') {
    title = 'Explore';
    const panes = query.get('panes');
    let decoded: string;
    try {
      decoded = panes ? JSON.stringify(JSON.parse(panes), null, 2) : '(no panes: legacy or empty link)';
    } catch {
      decoded = `(panes is not JSON: ${panes})`;
    }
    detail = `schemaVersion=${query.get('schemaVersion') ?? '(none)'} orgId=${query.get('orgId') ?? '(none)'}\n\npanes:\n${decoded}`;
  } else {
    title = `Dashboard ${segments[1] ?? ''}`;
    detail = [...query].map(([k, v]) => `${k}=${v}`).join('\n');
  }
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Grafana (simulated) - ${escapeHtml(title)}</title></head>` +
    `<body><h1>Grafana (simulated): ${escapeHtml(title)}</h1><p>platform-sandbox has no Grafana UI; this is what the link opens.</p>` +
    `<pre id="link-state">${escapeHtml(detail)}</pre></body></html>`;
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(html) });
  res.end(html);
}
