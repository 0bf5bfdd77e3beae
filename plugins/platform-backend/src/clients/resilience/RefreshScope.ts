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

import { AsyncLocalStorage } from 'node:async_hooks';

/** A first-come, first-served count of free slots. */
class Slots {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async take(): Promise<void> {
    if (this.active < this.limit) {
      this.active += 1;
      return;
    }
    await new Promise<void>(resolve => this.waiting.push(resolve));
  }

  give(): void {
    const next = this.waiting.shift();
    if (next) {
      next();
    } else {
      this.active -= 1;
    }
  }
}

/**
 * What one fleet refresh shares among its upstream calls: a cap on requests
 * in flight overall and per cluster (held only while a request is on the
 * wire, so the pipe stays full), and reads that are the same for every
 * cluster, made once per refresh.
 */
export class RefreshScope {
  private readonly overall: Slots;
  private readonly perCluster = new Map<string, Slots>();
  private readonly reads = new Map<string, Promise<unknown>>();

  constructor(
    private readonly limits: {
      maxRequestsInFlight: number;
      maxRequestsInFlightPerCluster: number;
    },
  ) {
    this.overall = new Slots(limits.maxRequestsInFlight);
  }

  /** Waits for a slot of the cluster and one overall; resolves to their release. */
  async acquire(cluster: string): Promise<() => void> {
    let own = this.perCluster.get(cluster);
    if (!own) {
      own = new Slots(this.limits.maxRequestsInFlightPerCluster);
      this.perCluster.set(cluster, own);
    }
    await own.take();
    await this.overall.take();
    let released = false;
    return () => {
      if (!released) {
        released = true;
        this.overall.give();
        own!.give();
      }
    };
  }

  /** The one read of `key` in this refresh, made by the first caller. */
  shared<T>(key: string, read: () => Promise<T>): Promise<T> {
    let pending = this.reads.get(key);
    if (!pending) {
      pending = read();
      this.reads.set(key, pending);
    }
    return pending as Promise<T>;
  }
}

const current = new AsyncLocalStorage<{
  scope: RefreshScope;
  cluster: string;
}>();

/** Runs `fn` (a cluster's checks) with its upstream calls under `scope`. */
export function runInRefreshScope<T>(
  scope: RefreshScope,
  cluster: string,
  fn: () => Promise<T>,
): Promise<T> {
  return current.run({ scope, cluster }, fn);
}

/** The refresh and cluster the calling code runs for, if any. */
export function currentRefreshScope():
  | { scope: RefreshScope; cluster: string }
  | undefined {
  return current.getStore();
}
