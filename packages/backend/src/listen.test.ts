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

import { LoggerService } from '@backstage/backend-plugin-api';
import {
  createHttpServer,
  readHttpServerOptions,
} from '@backstage/backend-defaults/rootHttpRouter';
import { ConfigReader } from '@backstage/config';
import { loadConfig } from '@backstage/config-loader';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

const quiet: LoggerService = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child: () => quiet,
};

async function configOf(files: string[], env: Record<string, string> = {}) {
  const { appConfigs } = await loadConfig({
    configRoot: ROOT,
    configTargets: files.map(f => ({ path: resolve(ROOT, f) })),
    experimentalEnvFunc: async name => env[name] ?? 'x',
  });
  return ConfigReader.fromConfigs(appConfigs);
}

/** An address of this machine that is not loopback, if it has one. */
function externalAddress(): string | undefined {
  return Object.values(os.networkInterfaces())
    .flat()
    .find(i => i && i.family === 'IPv4' && !i.internal)?.address;
}

describe('where make start listens', () => {
  it('backend and frontend dev server on loopback only', async () => {
    const config = await configOf(['app-config.yaml']);
    expect({
      backend: readHttpServerOptions(config.getConfig('backend')).listen.host,
      frontend: config.getOptionalString('app.listen.host'),
    }).toEqual({ backend: '127.0.0.1', frontend: '127.0.0.1' });
  });

  it('the backend started from that config refuses connections from another interface', async () => {
    const config = await configOf(['app-config.yaml']);
    const options = readHttpServerOptions(config.getConfig('backend'));
    const server = await createHttpServer(
      (_req, res) => res.end('ok'),
      { ...options, listen: { ...options.listen, port: 0 } },
      { logger: quiet },
    );
    await server.start();
    try {
      const { address, port } = server.address() as AddressInfo;
      expect(address).toBe('127.0.0.1');
      expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
      const external = externalAddress();
      // Machines without a network interface have nothing to refuse.
      const outcome = external
        ? await fetch(`http://${external}:${port}/`).then(
            r => `answered ${r.status}`,
            e => `refused (${e.cause?.code})`,
          )
        : 'refused (no other interface)';
      expect(outcome).toMatch(/^refused/);
    } finally {
      await server.stop();
    }
  });

  it('production listens on every interface of its pod', async () => {
    const config = await configOf([
      'app-config.yaml',
      'app-config.production.yaml',
    ]);
    expect(
      readHttpServerOptions(config.getConfig('backend')).listen.host,
    ).toBe('');
  });
});
