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

import { CacheManager } from '@backstage/backend-defaults/cache';
import { ConfigReader } from '@backstage/config';
import { SharedReadCache } from './SharedReadCache';

function sharedCache(ttlMs = 60_000) {
  const cache = CacheManager.fromConfig(new ConfigReader({})).forPlugin(
    'platform',
  );
  return new SharedReadCache(cache, ttlMs);
}

describe('SharedReadCache', () => {
  it('makes one upstream read for concurrent and later viewers of the same key', async () => {
    const cache = sharedCache();
    let reads = 0;
    let release!: () => void;
    const gate = new Promise<void>(resolve => {
      release = resolve;
    });
    const load = async () => {
      reads++;
      await gate;
      return { versions: ['1.5.0'] };
    };
    const first = cache.read('nexus:docker:team/app', load);
    const second = cache.read('nexus:docker:team/app', load);
    release();
    expect(await first).toEqual({ versions: ['1.5.0'] });
    expect(await second).toEqual({ versions: ['1.5.0'] });
    expect(await cache.read('nexus:docker:team/app', load)).toEqual({
      versions: ['1.5.0'],
    });
    expect(reads).toBe(1);
    await cache.read('nexus:docker:team/other', load);
    expect(reads).toBe(2);
  });

  it('does not keep a failure, so the next viewer reads again', async () => {
    const cache = sharedCache();
    let reads = 0;
    const load = async () => {
      reads++;
      if (reads === 1) {
        throw new Error('Nexus could not be reached');
      }
      return 'ok';
    };
    await expect(cache.read('k', load)).rejects.toThrow('could not be reached');
    expect(await cache.read('k', load)).toBe('ok');
    expect(reads).toBe(2);
  });
});
