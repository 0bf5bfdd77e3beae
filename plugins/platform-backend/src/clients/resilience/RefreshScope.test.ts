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

import { RefreshScope } from './RefreshScope';

describe('RefreshScope', () => {
  it('never lets more requests through than the caps, overall and per cluster, and serves every waiter', async () => {
    const scope = new RefreshScope({
      maxRequestsInFlight: 5,
      maxRequestsInFlightPerCluster: 2,
    });
    let overall = 0;
    let maxOverall = 0;
    const perCluster = new Map<string, number>();
    let maxPerCluster = 0;
    const gates: Array<() => void> = [];
    const request = async (cluster: string) => {
      const release = await scope.acquire(cluster);
      overall += 1;
      perCluster.set(cluster, (perCluster.get(cluster) ?? 0) + 1);
      maxOverall = Math.max(maxOverall, overall);
      maxPerCluster = Math.max(maxPerCluster, perCluster.get(cluster)!);
      await new Promise<void>(resolve => gates.push(resolve));
      overall -= 1;
      perCluster.set(cluster, perCluster.get(cluster)! - 1);
      release();
    };
    const all = Promise.all(
      ['a', 'b', 'c', 'd'].flatMap(cluster =>
        Array.from({ length: 6 }, () => request(cluster)),
      ),
    );
    let done = false;
    all.then(() => {
      done = true;
    });
    // Let the answers come back one at a time until every request has run.
    while (!done) {
      await new Promise(resolve => setImmediate(resolve));
      gates.shift()?.();
    }
    expect(maxOverall).toBe(5);
    expect(maxPerCluster).toBe(2);
  });

  it('reads a shared key once per refresh', async () => {
    const scope = new RefreshScope({
      maxRequestsInFlight: 4,
      maxRequestsInFlightPerCluster: 4,
    });
    let reads = 0;
    const read = async () => {
      reads += 1;
      return reads;
    };
    const answers = await Promise.all([
      scope.shared('nexus', read),
      scope.shared('nexus', read),
      scope.shared('gitlab', read),
    ]);
    expect(answers).toEqual([1, 1, 2]);
    expect(reads).toBe(2);
  });
});
