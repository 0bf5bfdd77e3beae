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

// The cold-refresh curve of a report as a small SVG, no dependencies: time
// to refresh the whole fleet against the fleet's size (log scale). A point
// whose refresh did not finish in its time shows how far it got instead.
// Usage: node bench/lib/chart.js <report.json> <out.svg>
const fs = require('node:fs');

const W = 640;
const H = 360;
const PAD = { left: 64, right: 24, top: 56, bottom: 56 };

function escape(text) {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

/** Each point: clusters, seconds, and whether the refresh completed. */
function points(report) {
  const out = [];
  for (const key of ['10', '50', '200', '1000']) {
    const ms = report.coldRefreshMs?.[key];
    if (typeof ms === 'number') {
      out.push({ clusters: Number(key), sec: ms / 1000, complete: true });
      continue;
    }
    const source =
      Number(key) === report.clusters
        ? report.variants?.sqlite?.coldRefresh
        : report.coldRefreshCurve?.[key];
    if (!source?.refreshed) continue;
    const last = source.progress?.[source.progress.length - 1];
    out.push({
      clusters: Number(key),
      sec: source.limitSec ?? (last ? last.ms / 1000 : 0),
      complete: false,
      label: `${source.refreshed} refreshed`,
    });
  }
  return out;
}

function renderChart(report) {
  const data = points(report);
  const maxSec = Math.max(30, ...data.map(p => p.sec)) * 1.15;
  const xMin = Math.log10(10);
  const xMax = Math.log10(1000);
  const x = c =>
    PAD.left +
    ((Math.log10(c) - xMin) / (xMax - xMin)) * (W - PAD.left - PAD.right);
  const y = s => H - PAD.bottom - (s / maxSec) * (H - PAD.top - PAD.bottom);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${
      PAD.left
    }" y="22" font-size="14" font-weight="bold">Cold refresh of the whole fleet, ${escape(
      report.upstreamLatencyMs,
    )} ms upstream latency (${escape(report.date.slice(0, 10))})</text>`,
    `<text x="${PAD.left}" y="36" font-size="11" fill="#555">from the backend's start (boot included) to every layer observed; hollow: cut short by its time limit</text>`,
  ];
  const step = maxSec > 600 ? 120 : maxSec > 240 ? 60 : maxSec > 90 ? 30 : 10;
  for (let s = 0; s <= maxSec; s += step) {
    parts.push(
      `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(s)}" y2="${y(
        s,
      )}" stroke="#eee"/>`,
      `<text x="${PAD.left - 8}" y="${
        y(s) + 4
      }" text-anchor="end" fill="#555">${s} s</text>`,
    );
  }
  for (const c of [10, 50, 200, 1000]) {
    parts.push(
      `<line x1="${x(c)}" x2="${x(c)}" y1="${PAD.top}" y2="${
        H - PAD.bottom
      }" stroke="#eee"/>`,
      `<text x="${x(c)}" y="${
        H - PAD.bottom + 18
      }" text-anchor="middle" fill="#555">${c.toLocaleString('en-US')}</text>`,
    );
  }
  parts.push(
    `<text x="${(PAD.left + W - PAD.right) / 2}" y="${
      H - 12
    }" text-anchor="middle" fill="#333">clusters (log scale)</text>`,
    // The target: 200 clusters within 30 s.
    `<line x1="${x(200) - 40}" x2="${x(200) + 40}" y1="${y(30)}" y2="${y(
      30,
    )}" stroke="#2e7d32" stroke-dasharray="4 3"/>`,
    `<text x="${x(200) + 44}" y="${
      y(30) + 4
    }" fill="#2e7d32">target at 200: 30 s</text>`,
  );
  const complete = data.filter(p => p.complete);
  if (complete.length > 1) {
    parts.push(
      `<polyline fill="none" stroke="#1565c0" stroke-width="2" points="${complete
        .map(p => `${x(p.clusters)},${y(p.sec)}`)
        .join(' ')}"/>`,
    );
  }
  for (const p of data) {
    const label = p.complete
      ? `${Math.round(p.sec * 10) / 10} s`
      : `not done in ${Math.round(p.sec)} s: ${p.label}`;
    parts.push(
      p.complete
        ? `<circle cx="${x(p.clusters)}" cy="${y(
            p.sec,
          )}" r="4" fill="#1565c0"/>`
        : `<circle cx="${x(p.clusters)}" cy="${y(
            p.sec,
          )}" r="5" fill="#fff" stroke="#c62828" stroke-width="2"/>`,
      `<text x="${x(p.clusters) + (p.clusters >= 1000 ? -8 : 8)}" y="${
        y(p.sec) - 8
      }" text-anchor="${p.clusters >= 1000 ? 'end' : 'start'}" fill="${
        p.complete ? '#1565c0' : '#c62828'
      }">${escape(label)}</text>`,
    );
  }
  if (data.length === 0) {
    parts.push(
      `<text x="${W / 2}" y="${
        H / 2
      }" text-anchor="middle" fill="#c62828">no cold refresh measured in this run</text>`,
    );
  }
  parts.push('</svg>', '');
  return parts.join('\n');
}

function writeChart(report, file) {
  fs.writeFileSync(file, renderChart(report));
  return file;
}

if (require.main === module) {
  const [input, output] = process.argv.slice(2);
  writeChart(JSON.parse(fs.readFileSync(input, 'utf8')), output);
  process.stdout.write(`${output}\n`);
}

module.exports = { renderChart, writeChart };
