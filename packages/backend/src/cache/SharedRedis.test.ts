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

import { ConfigReader } from '@backstage/config';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '../__testUtils__/httpRequest';
import { ManagedProcess } from '../__testUtils__/ManagedProcess';
import { SharedRedis } from './SharedRedis';

/*
 * Two backends' caches on a Redis server of the test's own (loopback port
 * 7336), which the test hangs, stops and starts again.
 */
const REDIS_BIN = '/usr/bin/redis-server';
const REDIS_PORT = 7336;

const logger = {
  info: () => {},
  warn: () => {},
  error: () => {},
  debug: () => {},
  child: () => logger,
};

(existsSync(REDIS_BIN) ? describe : describe.skip)(
  'the Redis cache when Redis goes away',
  () => {
    let dir: string;
    let redis: ManagedProcess | undefined;
    const replicas: SharedRedis[] = [];

    function startRedis(): ManagedProcess {
      return new ManagedProcess(
        'redis',
        REDIS_BIN,
        [
          '--bind',
          '127.0.0.1',
          '--port',
          String(REDIS_PORT),
          '--save',
          '',
          '--appendonly',
          'no',
          '--dir',
          dir,
        ],
        { cwd: dir, env: process.env, logFile: join(dir, 'redis.log') },
      );
    }

    function replica(): SharedRedis {
      const config = new ConfigReader({
        backend: {
          cache: {
            store: 'redis',
            connection: `redis://127.0.0.1:${REDIS_PORT}`,
            redis: { client: { namespace: 'cache-test' } },
          },
        },
      });
      const shared = new SharedRedis(config, logger as any);
      replicas.push(shared);
      return shared;
    }

    /** Waits until a value one replica writes is read by the other; returns what it read. */
    async function sharedAgain(key: string) {
      const [a, b] = replicas.map(r => r.forPlugin('catalog'));
      await waitFor(
        `the cache to be shared again (${key})`,
        async () => {
          await a.set(key, { written: key });
          return (await b.get(key)) ? true : undefined;
        },
        { timeoutMs: 60_000, intervalMs: 200 },
      );
      return b.get(key);
    }

    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'platform-portal-redis-'));
      redis = startRedis();
      replica();
      replica();
    });

    afterAll(async () => {
      await Promise.all(replicas.map(r => r.close()));
      await redis?.kill();
      rmSync(dir, { recursive: true, force: true });
    });

    it('shares values between replicas', async () => {
      expect(await sharedAgain('first')).toEqual({
        written: 'first',
      });
    });

    it('answers a miss when Redis hangs, instead of waiting for it', async () => {
      const cache = replicas[0].forPlugin('catalog');
      redis!.signal('SIGSTOP');
      try {
        // Jest's own timeout is the bound: a call that waits for Redis fails the test.
        await expect(cache.get('first')).resolves.toBeUndefined();
        await expect(cache.set('while-hung', 1)).resolves.toBeUndefined();
      } finally {
        redis!.signal('SIGCONT');
      }
      expect(await sharedAgain('after-hang')).toEqual({
        written: 'after-hang',
      });
    }, 30_000);

    it('answers a miss while Redis is stopped, and shares values again once it is back', async () => {
      const cache = replicas[0].forPlugin('catalog');
      await redis!.kill();
      await expect(cache.get('first')).resolves.toBeUndefined();
      await expect(cache.set('while-stopped', 1)).resolves.toBeUndefined();
      await expect(cache.delete('first')).resolves.toBeUndefined();

      redis = startRedis();
      expect(await sharedAgain('after-restart')).toEqual({
        written: 'after-restart',
      });
    }, 90_000);
  },
);
