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

import { KubernetesObjectLike } from '@platform-portal/plugin-platform-node';
import { UpstreamFailure } from '../../clients/resilience/UpstreamFailure';

/** How an informer reaches its kind: the cluster's Kubernetes client. */
export interface InformerSource {
  list(
    apiVersion: string,
    kind: string,
    signal?: AbortSignal,
  ): Promise<{ items: KubernetesObjectLike[]; resourceVersion?: string }>;
  watch(
    apiVersion: string,
    kind: string,
    resourceVersion: string,
    timeoutSeconds: number,
    signal: AbortSignal,
  ): Promise<Response>;
}

export interface InformerTiming {
  /** A stream silent this long (no event, no bookmark) is dropped and resumed. */
  idleTimeoutMs: number;
  /** What the server is asked to end a watch after; it is then resumed. */
  watchTimeoutSeconds: number;
  /** Reconnect backoff: first delay, doubled per failure up to the maximum. */
  initialBackoffMs: number;
  maxBackoffMs: number;
  /** A kind the cluster does not serve (404) is asked for again after this long. */
  notServedRetryMs: number;
}

export interface InformerStats {
  lists: number;
  watches: number;
  /** Lists made again because the watch's version had expired (410 Gone). */
  relists: number;
  /** Watches resumed after a drop, an idle timeout or an error. */
  reconnects: number;
}

class Gone extends Error {}

const keyOf = (o: KubernetesObjectLike) =>
  `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;

/**
 * One kind of one cluster kept in memory: list, then watch with bookmarks
 * from the list's resourceVersion, resuming from the last version seen after
 * a drop and listing again when that version has expired (410 Gone), as
 * client-go's reflector does. `onChange` hears every change, and a relist.
 */
export class Informer {
  private readonly objects = new Map<string, KubernetesObjectLike>();
  private resourceVersion?: string;
  private watching = false;
  private readonly abort = new AbortController();
  private running?: Promise<void>;
  readonly stats: InformerStats = {
    lists: 0,
    watches: 0,
    relists: 0,
    reconnects: 0,
  };

  constructor(
    readonly apiVersion: string,
    readonly kind: string,
    private readonly source: InformerSource,
    private readonly timing: InformerTiming,
    private readonly onChange: (object?: KubernetesObjectLike) => void,
  ) {}

  /**
   * The objects, while a watch is open on a complete list; undefined
   * otherwise, so readers list for themselves rather than read a gap.
   */
  items(): KubernetesObjectLike[] | undefined {
    return this.watching ? [...this.objects.values()] : undefined;
  }

  /** Whether a watch stream is open right now (it counts against the budget). */
  get connected(): boolean {
    return this.watching;
  }

  start(): void {
    this.running ??= this.run();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
  }

  private async run(): Promise<void> {
    let failures = 0;
    let gone = 0;
    while (!this.abort.signal.aborted) {
      let delay = 0;
      try {
        if (this.resourceVersion === undefined) {
          await this.relist();
        }
        const lasted = await this.watchOnce();
        // A stream the server ended on time resumes at once; one cut short
        // resumes after a backoff, so a flapping server is not hammered.
        failures = lasted ? 0 : failures + 1;
        gone = 0;
      } catch (error) {
        if (this.abort.signal.aborted) break;
        if (error instanceof Gone) {
          this.resourceVersion = undefined;
          this.stats.relists++;
          gone++;
          // The first 410 relists at once; a server that keeps answering it waits.
          failures = gone > 1 ? failures + 1 : failures;
        } else if (
          this.resourceVersion === undefined &&
          ((error as Error).name === 'NotFoundError' ||
            (error instanceof UpstreamFailure && error.status === 404))
        ) {
          delay = this.timing.notServedRetryMs;
        } else {
          failures++;
        }
      } finally {
        this.watching = false;
      }
      if (failures > 0 || delay > 0) {
        this.stats.reconnects += delay > 0 ? 0 : 1;
        await this.sleep(delay || this.backoff(failures));
      }
    }
  }

  private backoff(failures: number): number {
    const { initialBackoffMs, maxBackoffMs } = this.timing;
    const ceiling = Math.min(
      maxBackoffMs,
      initialBackoffMs * 2 ** Math.min(failures - 1, 16),
    );
    // Full jitter keeps a fleet of informers from reconnecting in step.
    return ceiling / 2 + Math.random() * (ceiling / 2);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise(resolve => {
      const timer = setTimeout(done, ms);
      const signal = this.abort.signal;
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done, { once: true });
    });
  }

  private async relist(): Promise<void> {
    this.stats.lists++;
    const { items, resourceVersion } = await this.source.list(
      this.apiVersion,
      this.kind,
      this.abort.signal,
    );
    this.objects.clear();
    for (const item of items) {
      this.objects.set(keyOf(item), item);
    }
    // Without a version there is nothing to resume from: watch from "now".
    this.resourceVersion = resourceVersion ?? '0';
    // Anything may have changed while no watch was open.
    this.onChange();
  }

  /** One watch stream; true when it lasted until the server ended it. */
  private async watchOnce(): Promise<boolean> {
    const { idleTimeoutMs, watchTimeoutSeconds } = this.timing;
    const stream = new AbortController();
    const onStop = () => stream.abort();
    this.abort.signal.addEventListener('abort', onStop, { once: true });
    let idle: NodeJS.Timeout | undefined;
    let idled = false;
    const arm = () => {
      clearTimeout(idle);
      idle = setTimeout(() => {
        idled = true;
        stream.abort();
      }, idleTimeoutMs);
    };
    const openedAt = Date.now();
    try {
      arm();
      this.stats.watches++;
      const response = await this.source.watch(
        this.apiVersion,
        this.kind,
        this.resourceVersion!,
        watchTimeoutSeconds,
        stream.signal,
      );
      this.watching = true;
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let buffered = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        arm();
        buffered += decoder.decode(value, { stream: true });
        let newline = buffered.indexOf('\n');
        while (newline >= 0) {
          const line = buffered.slice(0, newline).trim();
          buffered = buffered.slice(newline + 1);
          if (line) this.apply(JSON.parse(line));
          newline = buffered.indexOf('\n');
        }
      }
      // Ended by the server: on time if it held most of the timeout asked for.
      return Date.now() - openedAt >= (watchTimeoutSeconds * 1000) / 2;
    } catch (error) {
      if (idled) return false;
      throw error;
    } finally {
      clearTimeout(idle);
      this.abort.signal.removeEventListener('abort', onStop);
      stream.abort();
    }
  }

  private apply(event: {
    type: string;
    object: KubernetesObjectLike & { code?: number; message?: string };
  }): void {
    const { type, object } = event;
    if (type === 'ERROR') {
      if (object.code === 410) throw new Gone(object.message);
      throw new UpstreamFailure({
        kind: 'status',
        status: object.code ?? 500,
        message: `watch error: ${object.message ?? 'unknown'}`,
      });
    }
    const version = (
      object.metadata as { resourceVersion?: string } | undefined
    )?.resourceVersion;
    if (version) this.resourceVersion = version;
    if (type === 'BOOKMARK') return;
    if (type === 'DELETED') {
      this.objects.delete(keyOf(object));
    } else {
      this.objects.set(keyOf(object), object);
    }
    this.onChange(object);
  }
}
