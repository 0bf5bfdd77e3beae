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

import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { httpRequest, waitFor } from './httpRequest';
import { ManagedProcess } from './ManagedProcess';

/** The repository root, where the production backend runs from (its config paths are relative to it). */
export const REPO_ROOT = resolve(__dirname, '../../../..');

/**
 * One replica of the real backend (packages/backend/src/index.ts, every
 * plugin) in production mode on its own loopback port, started the way the
 * CLI starts it (node with Backstage's TypeScript transform) but without the
 * file watcher, so SIGTERM reaches the backend itself.
 */
export class BackendReplica {
  private current?: ManagedProcess;
  private starts = 0;

  constructor(
    readonly port: number,
    private readonly options: {
      /** app-config files, in order; the replica's listen address is added last. */
      configs: string[];
      env: NodeJS.ProcessEnv;
      /** Where the replica's config overlay is written. */
      dir: string;
      /** Where its logs are written, one file per start. */
      logDir: string;
    },
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get process(): ManagedProcess {
    if (!this.current) {
      throw new Error(`Replica ${this.port} was never started`);
    }
    return this.current;
  }

  start(): void {
    if (this.current?.running) {
      throw new Error(`Replica ${this.port} is already running`);
    }
    this.starts += 1;
    const listen = join(
      this.options.dir,
      `app-config.replica-${this.port}.yaml`,
    );
    writeFileSync(listen, `backend:\n  listen: '127.0.0.1:${this.port}'\n`);
    const configs = [...this.options.configs, listen].flatMap(c => [
      '--config',
      c,
    ]);
    this.current = new ManagedProcess(
      `replica ${this.port}`,
      process.execPath,
      [
        '--enable-source-maps',
        '--require',
        join(
          REPO_ROOT,
          'node_modules/@backstage/cli-node/config/nodeTransform.cjs',
        ),
        join(REPO_ROOT, 'packages/backend/src/index.ts'),
        ...configs,
      ],
      {
        cwd: REPO_ROOT,
        env: { ...this.options.env, NODE_ENV: 'production' },
        logFile: join(
          this.options.logDir,
          `replica-${this.port}-${this.starts}.log`,
        ),
      },
    );
  }

  /** The readiness status, or 0 when nothing answers. */
  async readiness(): Promise<number> {
    try {
      const answer = await httpRequest(
        `${this.url}/.backstage/health/v1/readiness`,
        { timeoutMs: 5_000 },
      );
      return answer.status;
    } catch {
      return 0;
    }
  }

  async waitUntilReady(timeoutMs = 240_000): Promise<void> {
    const proc = this.process;
    await waitFor(
      `replica ${this.port} to be ready`,
      async () => {
        if (!proc.running) {
          throw new Error(
            `replica ${
              this.port
            } exited (${await proc.exited}):\n${proc.logTail()}`,
          );
        }
        return (await this.readiness()) === 200 ? true : undefined;
      },
      { timeoutMs, intervalMs: 500 },
    ).catch(error => {
      throw new Error(`${error.message}\n${proc.logTail()}`);
    });
  }
}
