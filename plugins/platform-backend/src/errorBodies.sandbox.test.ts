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

import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Sandbox } from '@platform-portal/platform-sandbox';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { platformPlugin } from './plugin';
import { sandboxPlatformConfig } from './__testUtils__/sandboxPlatformConfig';
import { startUpstreamSandbox } from './__testUtils__/startUpstreamSandbox';

jest.setTimeout(120_000);

/** Longest error message a bad parameter may produce: the echo is capped. */
const MAX_MESSAGE = 400;

describe('error bodies for bad parameters', () => {
  let sandbox: Sandbox;
  let stop: () => Promise<void>;
  let port: number;

  beforeAll(async () => {
    sandbox = await startUpstreamSandbox();
    // As under `make start`: Backstage's own error handler adds stack traces
    // in development.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'development';
    const backend = await startTestBackend({
      features: [
        platformPlugin,
        mockServices.rootConfig.factory({
          data: sandboxPlatformConfig(sandbox),
        }),
        catalogServiceMock.factory({ entities: [] }),
      ],
    });
    process.env.NODE_ENV = nodeEnv;
    port = (backend.server.address() as AddressInfo).port;
    stop = () => backend.stop();
  });

  afterAll(async () => {
    await stop?.();
    await sandbox?.stop();
  });

  /** node:http sends the path as written, bad percent-encoding included. */
  function get(
    path: string,
  ): Promise<{ status: number; body: any; text: string }> {
    return new Promise((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path: `/api/platform${path}` }, res => {
          const chunks: Buffer[] = [];
          res.on('data', c => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let body: any;
            try {
              body = JSON.parse(text);
            } catch {
              body = undefined;
            }
            resolve({ status: res.statusCode ?? 0, body, text });
          });
        })
        .on('error', reject);
    });
  }

  const long = 'a'.repeat(10_000);

  it.each([
    ['a 10 kB cluster name', `/health/${long}`, 'cluster'],
    [
      'a 10 kB cluster name on the clusters route',
      `/clusters/${long}`,
      'cluster',
    ],
    ['a 10 kB layer', `/health/prod-eu-1/${long}`, 'layer'],
    ['a 10 kB entity name', `/entity/default/component/${long}/gitlab`, 'name'],
    ['a 10 kB query value', `/health/prod-eu-1/history?limit=${long}`, 'limit'],
  ])(
    '%s: 4xx naming the field, the value cut short',
    async (_what, path, field) => {
      const res = await get(path);
      const message: string = res.body?.error?.message ?? '';
      expect({
        status: res.status >= 400 && res.status <= 404,
        namesField: message.includes(field),
        messageLength: message.length <= MAX_MESSAGE,
        bodyLength: res.text.length < 2_000,
      }).toEqual({
        status: true,
        namesField: true,
        messageLength: true,
        bodyLength: true,
      });
    },
  );

  it.each([
    ['/health/%E0%A4%A', 'cluster'],
    ['/health/prod-eu-1/%E0%A4%A', 'layer'],
    ['/clusters/%E0%A4%A/namespaces?team=team-payments', 'cluster'],
    ['/entity/default/%E0%A4%A/payments-api/gitlab', 'kind'],
  ])(
    '400 naming the parameter for the malformed percent-encoding in %s',
    async (path, field) => {
      const res = await get(path);
      expect({
        status: res.status,
        message: res.body?.error?.message,
      }).toEqual({
        status: 400,
        message: expect.stringContaining(`'${field}'`),
      });
    },
  );

  it.each([
    ['a 10 kB cluster name', `/health/${long}`],
    ['a malformed percent-encoding', '/health/%E0%A4%A'],
    ['an unknown entity route', '/entity/default/component/x/nope'],
  ])(
    'sends no stack trace or file path for %s, even in development',
    async (_what, path) => {
      const res = await get(path);
      expect({
        status: res.status >= 400 && res.status <= 404,
        stack: res.body?.error?.stack,
        paths: /\/(work|home|app|usr)\/|\.(ts|js):\d+/.test(res.text),
      }).toEqual({
        status: true,
        stack: undefined,
        paths: false,
      });
    },
  );
});
