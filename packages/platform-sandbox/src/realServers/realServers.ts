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

import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * The binary a side-by-side suite runs (`bash scripts/services.sh start`
 * exports where Debian installed it). Missing: under CI the suite fails with
 * the reason; elsewhere it is skipped with a note.
 */
export function realBinary(
  envVar: string,
  what: string,
  suite: string,
): string | undefined {
  const bin = process.env[envVar];
  if (bin) return bin;
  const message = `${what} is not installed: run \`bash scripts/services.sh install\` and export the ${envVar} line \`bash scripts/services.sh start\` prints`;
  if (process.env.CI) throw new Error(`${suite}: ${message}`);
  // eslint-disable-next-line no-console
  console.warn(`Skipping "${suite}": ${message}`);
  return undefined;
}

/** A loopback TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        resolve(typeof address === 'object' && address ? address.port : 0),
      );
    });
  });
}

/** Thrown by a wait's check to stop waiting at once. */
export class FatalWait extends Error {}

/** Polls `check` every `intervalMs` until it returns true; fails naming `what` after `deadlineMs`. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  deadlineMs = 30_000,
  intervalMs = 100,
): Promise<void> {
  const until = Date.now() + deadlineMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      if (await check()) return;
    } catch (error) {
      if (error instanceof FatalWait) throw error;
      last = error;
    }
    await new Promise(r => setTimeout(r, intervalMs));
  }
  throw new Error(
    `Timed out after ${deadlineMs} ms waiting for ${what}${
      last ? ` (last error: ${last})` : ''
    }`,
  );
}

/** A child process of a real server, its log kept for failure messages. */
export interface RealProcess {
  /** Throws, quoting the end of the log, once the process has exited. */
  assertRunning(): void;
  logTail(): string;
  stop(): Promise<void>;
}

export function spawnReal(
  name: string,
  bin: string,
  args: string[],
): RealProcess {
  const child: ChildProcess = spawn(bin, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>(resolve =>
    child.once('exit', () => resolve()),
  );
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    logTail: () => log.slice(-1000),
    assertRunning() {
      if (!running()) {
        throw new FatalWait(
          `${name} exited (${child.exitCode ?? child.signalCode}): ${log.slice(
            -1000,
          )}`,
        );
      }
    },
    async stop() {
      if (!running()) return;
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise(r => setTimeout(r, 10_000))]);
      if (running()) child.kill('SIGKILL');
    },
  };
}

/** What a side-by-side comparison looks at in an HTTP answer. */
export interface HttpAnswer {
  status: number;
  contentType: string;
  /** Parsed JSON when the body is JSON, else the text. */
  body: unknown;
}

export async function httpAnswer(
  url: string,
  init: RequestInit = {},
  timeoutMs = 10_000,
): Promise<HttpAnswer> {
  const res = await fetch(url, {
    ...init,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: compared as text
  }
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    body,
  };
}
