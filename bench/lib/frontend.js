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

// The frontend as users get it: the production build of packages/app (the
// one the backend bundle serves), the platform plugin's own chunks in it
// (gzip), and the Largest Contentful Paint of the fleet health page in
// Debian Chromium, signed in as the guest.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { newestMtime } = require('./mtime');

const CHROMIUM = '/usr/bin/chromium';
const PLUGIN_SOURCE = 'plugins/platform-frontend/src/';
const FRONTEND_SOURCES = [
  'packages/app/src',
  'packages/app/public',
  'packages/app/package.json',
  'plugins/platform-frontend/src',
  'plugins/platform-frontend/package.json',
  'plugins/platform-common/src',
];

function appDist(root) {
  return path.join(root, 'packages', 'app', 'dist');
}

/** When the production build was made, or 0 when there is none. */
function builtAt(root) {
  const index = path.join(appDist(root), 'index.html');
  return fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
}

function sourcesMtime(root) {
  return Math.max(
    ...FRONTEND_SOURCES.map(p => newestMtime(path.join(root, p))),
  );
}

/**
 * The production build: made when there is none, or when a frontend source
 * is newer and the profile rebuilds stale builds (`yarn build` in packages/app); otherwise the last one,
 * with its age said.
 */
function ensureFrontendBuild(root, log, { allowSec, rebuildStale }) {
  const before = builtAt(root);
  const stale = before < sourcesMtime(root);
  if (!stale) return { builtAt: before, built: false, fresh: true };
  if (allowSec <= 0 || (before > 0 && !rebuildStale)) {
    return { builtAt: before, built: false, fresh: false };
  }
  log(
    `building the frontend: yarn build in packages/app (up to ${allowSec} s)`,
  );
  const started = Date.now();
  const result = spawnSync('yarn', ['build'], {
    cwd: path.join(root, 'packages', 'app'),
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: allowSec * 1000,
    killSignal: 'SIGKILL',
  });
  const buildMs = Date.now() - started;
  if (result.status !== 0) {
    log(
      `frontend build did not finish (${
        result.status ?? result.signal
      }) after ${Math.round(buildMs / 1000)} s`,
    );
    return {
      builtAt: builtAt(root),
      built: false,
      fresh: false,
      buildMs,
      failed: true,
    };
  }
  log(`frontend built in ${Math.round(buildMs / 1000)} s`);
  return { builtAt: builtAt(root), built: true, fresh: true, buildMs };
}

/** Gzip size of the chunks made mostly of the platform plugin's own modules. */
function pluginChunks(root) {
  const dir = path.join(appDist(root), 'static');
  const chunks = [];
  for (const file of fs.readdirSync(dir)) {
    if (!file.endsWith('.js') || !fs.existsSync(path.join(dir, `${file}.map`)))
      continue;
    const { sources = [] } = JSON.parse(
      fs.readFileSync(path.join(dir, `${file}.map`), 'utf8'),
    );
    const own = sources.filter(s => s.includes(PLUGIN_SOURCE)).length;
    if (own === 0) continue;
    const code = fs.readFileSync(path.join(dir, file));
    chunks.push({
      file,
      ownModules: own,
      modules: sources.length,
      bytes: code.length,
      gzipBytes: zlib.gzipSync(code, { level: 9 }).length,
    });
  }
  // Chunks where the plugin's modules are the majority are the plugin's own;
  // the others (the app's entry) only carry its extension declarations.
  const own = chunks.filter(c => c.ownModules * 2 >= c.modules);
  return {
    chunkGzipKb:
      Math.round((own.reduce((sum, c) => sum + c.gzipBytes, 0) / 1024) * 10) /
      10,
    chunks: own,
    sharedChunks: chunks.filter(c => !own.includes(c)),
  };
}

/** Signs in as the guest, opens `pagePath` afresh and reads its LCP. */
async function largestContentfulPaint(
  baseUrl,
  { pagePath = '/platform', timeoutMs = 90000 },
) {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is not installed`);
  const { chromium } = require('playwright');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox'],
  });
  try {
    const page = await browser.newPage({
      viewport: { width: 1440, height: 900 },
    });
    page.setDefaultTimeout(timeoutMs);
    await page.goto(`${baseUrl}/`);
    const enter = page.getByRole('button', { name: 'Enter' });
    const catalog = page
      .getByRole('link', { name: 'Catalog', exact: true })
      .first();
    await enter.or(catalog).waitFor();
    if (await enter.isVisible()) await enter.click();
    await catalog.waitFor();
    // The measured load: a fresh navigation to the page, session restored.
    await page.goto(`${baseUrl}${pagePath}`, { waitUntil: 'load' });
    await page
      .waitForLoadState('networkidle', { timeout: timeoutMs })
      .catch(() => {});
    const entry = await page.evaluate(
      () =>
        new Promise(resolve => {
          let last = null;
          new PerformanceObserver(list => {
            const entries = list.getEntries();
            last = entries[entries.length - 1];
          }).observe({ type: 'largest-contentful-paint', buffered: true });
          setTimeout(
            () =>
              resolve(
                last && {
                  startTime: last.startTime,
                  size: last.size,
                  element: last.element
                    ? last.element.tagName.toLowerCase()
                    : null,
                },
              ),
            1000,
          );
        }),
    );
    if (!entry)
      throw new Error('the page reported no largest-contentful-paint entry');
    return {
      ms: Math.round(entry.startTime),
      element: entry.element,
      size: entry.size,
    };
  } finally {
    await browser.close();
  }
}

const LCP_COMMAND = `chromium.launch({executablePath: '${CHROMIUM}'}) (playwright), viewport 1440×900: sign in as the guest, page.goto('<backend>/platform') and wait for the network to go quiet; PerformanceObserver({type: 'largest-contentful-paint', buffered: true}), the last entry's startTime`;

module.exports = {
  ensureFrontendBuild,
  pluginChunks,
  largestContentfulPaint,
  LCP_COMMAND,
};
