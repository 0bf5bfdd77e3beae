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

// The processes a run starts: each in its own process group, stopped by that
// group's id and nothing else, with its output in a log file.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

function sleep(ms) {
  return new Promise(resolve => setTimeout(resolve, ms));
}

function startProcess({ command, args, cwd, env, logFile }) {
  const log = fs.openSync(logFile, 'w');
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  let exited = false;
  const exit = new Promise(resolve =>
    child.on('exit', code => {
      exited = true;
      resolve(code);
    }),
  );
  return {
    pid: child.pid,
    logFile,
    get exited() {
      return exited;
    },
    async stop() {
      if (exited) return;
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        return;
      }
      const stopped = await Promise.race([
        exit.then(() => true),
        sleep(15000).then(() => false),
      ]);
      if (!stopped) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
        await exit;
      }
    },
  };
}

async function waitFor(what, check, { timeoutMs, process: proc }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (proc?.exited) {
      throw new Error(`${what}: the process exited; see ${proc.logFile}`);
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${what}: not within ${Math.round(timeoutMs / 1000)} s; see ${
          proc?.logFile
        }`,
      );
    }
    await sleep(250);
  }
}

/** platform-sandbox with a generated fleet; resolves once it wrote its files. */
async function startSandbox({ root, clusters, seed, ports, outDir, logFile }) {
  fs.mkdirSync(outDir, { recursive: true });
  const appConfig = path.join(outDir, 'app-config.sandbox.yaml');
  fs.rmSync(appConfig, { force: true });
  const proc = startProcess({
    command: 'yarn',
    args: [
      'sandbox',
      '--clusters',
      String(clusters),
      '--seed',
      String(seed),
      '--port',
      String(ports.api),
      '--control-port',
      String(ports.control),
      '--out',
      outDir,
    ],
    cwd: root,
    logFile,
  });
  await waitFor('platform-sandbox start', () => fs.existsSync(appConfig), {
    timeoutMs: 120000,
    process: proc,
  });
  const description = JSON.parse(
    fs.readFileSync(path.join(outDir, 'sandbox.json'), 'utf8'),
  );
  return Object.assign(proc, { appConfig, controlUrl: description.controlUrl });
}

function httpStatus(url, headers) {
  return new Promise(resolve => {
    const req = http.get(url, { headers, timeout: 5000 }, res => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

/** The production backend; resolves once it answers on its port. */
async function startBackend({
  dir,
  configs,
  env,
  port,
  logFile,
  timeoutMs = 240000,
}) {
  // From packages/backend, as in production: app-config.yaml names files relative to it.
  const args = ['.'];
  for (const config of configs) args.push('--config', config);
  const proc = startProcess({
    command: process.execPath,
    args,
    cwd: path.join(dir, 'packages', 'backend'),
    env: { NODE_ENV: 'production', ...env },
    logFile,
  });
  const started = Date.now();
  await waitFor(
    'backend start',
    async () =>
      (await httpStatus(
        `http://127.0.0.1:${port}/.backstage/health/v1/readiness`,
      )) === 200,
    { timeoutMs, process: proc },
  );
  return Object.assign(proc, {
    port,
    startedAt: started,
    readyMs: Date.now() - started,
  });
}

module.exports = { startSandbox, startBackend, waitFor, sleep };
