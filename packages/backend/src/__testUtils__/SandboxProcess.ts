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

import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './BackendReplica';
import { httpJson, waitFor } from './httpRequest';
import { ManagedProcess } from './ManagedProcess';

/**
 * platform-sandbox as its own process (its CLI, as `yarn sandbox` runs it)
 * on the given ports; it writes the portal's app-config into `dir`.
 */
export class SandboxProcess {
  readonly process: ManagedProcess;
  readonly appConfig: string;
  readonly controlUrl: string;

  constructor(options: {
    port: number;
    controlPort: number;
    dir: string;
    logDir: string;
  }) {
    const out = join(options.dir, 'sandbox');
    mkdirSync(out, { recursive: true });
    this.appConfig = join(out, 'app-config.sandbox.yaml');
    this.controlUrl = `http://127.0.0.1:${options.controlPort}`;
    const sandboxDir = join(REPO_ROOT, 'packages/platform-sandbox');
    this.process = new ManagedProcess(
      'sandbox',
      process.execPath,
      [
        join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'),
        'src/cli.ts',
        '--port',
        String(options.port),
        '--control-port',
        String(options.controlPort),
        '--out',
        out,
      ],
      {
        cwd: sandboxDir,
        env: process.env,
        logFile: join(options.logDir, 'sandbox.log'),
      },
    );
  }

  /** A sandbox started and ready on the given ports. */
  static async started(
    options: ConstructorParameters<typeof SandboxProcess>[0],
  ): Promise<SandboxProcess> {
    const sandbox = new SandboxProcess(options);
    await sandbox.waitUntilReady();
    return sandbox;
  }

  async waitUntilReady(): Promise<void> {
    await waitFor(
      'the sandbox to write its app-config',
      async () => {
        if (!this.process.running) {
          throw new Error(`the sandbox exited:\n${this.process.logTail()}`);
        }
        return existsSync(this.appConfig) ? true : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 250 },
    );
  }

  /** A cluster's Kubernetes API URL, its CA and the admin token, from the sandbox.json it wrote. */
  kubernetesAdmin(cluster: string): { url: string; ca: string; token: string } {
    const description = JSON.parse(
      readFileSync(join(this.appConfig, '..', 'sandbox.json'), 'utf8'),
    );
    const found = description.clusters.find((c: any) => c.name === cluster);
    return {
      url: found.kubernetes.url,
      ca: found.kubernetes.caData,
      token: found.kubernetes.tokens.admin,
    };
  }

  /** Requests the sandbox received, per cluster and `<upstream>:<verb>`. */
  async countersByCluster(): Promise<Record<string, Record<string, number>>> {
    return (await httpJson(`${this.controlUrl}/counters`)).byCluster;
  }

  async setBehaviour(behaviour: Record<string, unknown>): Promise<void> {
    await httpJson(`${this.controlUrl}/behaviour`, {
      method: 'POST',
      body: behaviour,
    });
  }

  async clearBehaviour(): Promise<void> {
    await httpJson(`${this.controlUrl}/behaviour`, { method: 'DELETE' });
  }
}
