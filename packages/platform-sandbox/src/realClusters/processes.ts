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

import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';

/*
 * The control plane's processes: each in its own process group, killed with
 * the process that started it even when that one exits without cleaning up.
 */

export function openssl(dir: string, args: string[]) {
  execFileSync('openssl', args, {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 30_000,
  });
}

/** A CA, and a serving certificate it signed for 127.0.0.1, as kubeadm lays them out. */
export function startChild(
  binary: string,
  args: string[],
  logFile: string,
  env?: Record<string, string>,
): ChildProcess {
  const log = openSync(logFile, 'a');
  // Its own process group, so stop() also ends anything it forked.
  const child = spawn(binary, args, {
    detached: true,
    stdio: ['ignore', log, log],
    env: env ? { ...process.env, ...env } : undefined,
  });
  // A jest worker that exits without afterAll (a timeout, a crash) must not
  // leave a control plane running: 'exit' handlers may only do synchronous work.
  const killOnExit = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  return child;
}

export function tailLog(file: string, lines = 25): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

export async function stopGroup(
  child: ChildProcess | undefined,
): Promise<void> {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null)
    return;
  const exited = new Promise<void>(done => child.once('exit', () => done()));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts etcd and kube-apiserver (RBAC, default admission plugins, loopback
 * only) and resolves once /readyz answers ok; seeds the reader's RBAC.
 */
