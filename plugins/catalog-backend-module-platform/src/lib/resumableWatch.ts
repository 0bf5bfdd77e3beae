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

import { KubeConfig } from '@kubernetes/client-node';
import { KubeRequestError, openKubeGet } from './kubeHttp';
import { KubeObject } from './listPages';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchHandlers {
  /** One change, in order; the stream waits while it is handled. */
  onEvent(type: WatchEventType, object: KubeObject): Promise<unknown>;
  /**
   * The resourceVersion is too old (410 Gone): list anew and give the
   * resourceVersion to resume from.
   */
  relist(): Promise<string | undefined>;
  /** A connection failed; the watch retries after `retryInMs`. */
  onFailure?(error: Error, retryInMs: number): void;
}

export interface ResumableWatchOptions {
  resourceVersion?: string;
  /** Deadline for the API server to answer a watch request. */
  connectTimeoutMs: number;
  /** The server ends each watch after this (`timeoutSeconds`); the watch resumes. */
  watchSeconds?: number;
  /** No event nor bookmark for this long: the connection is dead, reconnect. */
  idleMs?: number;
  backoff?: { initialMs: number; maxMs: number };
}

class Gone extends Error {}

/**
 * A watch of one kind that survives what API servers do to watches: it asks
 * for bookmarks, resumes from the last resourceVersion it saw when a stream
 * ends, lists anew when that version is gone (410), and reconnects with
 * exponential backoff after failures.
 */
export class ResumableWatch {
  private resourceVersion?: string;
  private readonly stopping = new AbortController();
  private loop?: Promise<void>;

  constructor(
    private readonly kubeConfig: KubeConfig,
    private readonly path: string,
    private readonly options: ResumableWatchOptions,
    private readonly handlers: WatchHandlers,
  ) {
    this.resourceVersion = options.resourceVersion;
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
  }

  /** Where the watch resumes from, e.g. after a list. */
  resumeFrom(resourceVersion: string | undefined): void {
    this.resourceVersion = resourceVersion;
  }

  private async run(): Promise<void> {
    const { initialMs, maxMs } = this.options.backoff ?? {
      initialMs: 1000,
      maxMs: 60_000,
    };
    let failures = 0;
    while (!this.stopping.signal.aborted) {
      try {
        await this.watchOnce();
        failures = 0;
      } catch (error) {
        if (this.stopping.signal.aborted) return;
        try {
          if (error instanceof Gone) {
            this.resourceVersion = await this.handlers.relist();
            failures = 0;
            continue;
          }
          throw error;
        } catch (failure) {
          failures += 1;
          const delay =
            Math.min(maxMs, initialMs * 2 ** (failures - 1)) *
            (0.5 + Math.random() / 2);
          this.handlers.onFailure?.(failure as Error, Math.round(delay));
          await this.sleep(delay);
        }
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise(resolve => {
      const timer = setTimeout(resolve, ms);
      this.stopping.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** One watch request, until the server ends it or it fails. */
  private async watchOnce(): Promise<void> {
    const watchSeconds = this.options.watchSeconds ?? 300;
    const idleMs = this.options.idleMs ?? 3 * 60_000;
    const connection = new AbortController();
    const abort = () => connection.abort();
    this.stopping.signal.addEventListener('abort', abort);
    let timer = setTimeout(abort, this.options.connectTimeoutMs);
    try {
      const res = await openKubeGet(
        this.kubeConfig,
        this.path,
        {
          watch: 1,
          allowWatchBookmarks: true,
          resourceVersion: this.resourceVersion,
          timeoutSeconds: watchSeconds,
        },
        connection.signal,
      );
      if (res.statusCode === 410) throw new Gone();
      if (res.statusCode !== 200) {
        res.resume();
        throw new KubeRequestError(
          `watch answered HTTP ${res.statusCode}`,
          res.statusCode,
        );
      }
      let buffered = '';
      const alive = () => {
        clearTimeout(timer);
        timer = setTimeout(abort, idleMs);
      };
      alive();
      for await (const chunk of res) {
        alive();
        buffered += chunk.toString('utf8');
        let newline = buffered.indexOf('\n');
        while (newline >= 0) {
          const line = buffered.slice(0, newline).trim();
          buffered = buffered.slice(newline + 1);
          if (line) await this.handle(line);
          newline = buffered.indexOf('\n');
        }
      }
      if (connection.signal.aborted && !this.stopping.signal.aborted) {
        throw new KubeRequestError('watch went quiet past its deadline');
      }
    } catch (error) {
      if (error instanceof Gone || error instanceof KubeRequestError) {
        throw error;
      }
      throw new KubeRequestError(
        connection.signal.aborted
          ? 'watch went quiet past its deadline'
          : `watch cut off: ${(error as Error).message}`,
      );
    } finally {
      clearTimeout(timer);
      this.stopping.signal.removeEventListener('abort', abort);
    }
  }

  private async handle(line: string): Promise<void> {
    let event: { type?: string; object?: any };
    try {
      event = JSON.parse(line);
    } catch {
      throw new KubeRequestError('watch event is not valid JSON');
    }
    const { type, object } = event;
    if (type === 'ERROR') {
      if (object?.code === 410) throw new Gone();
      throw new KubeRequestError(
        `watch error: ${object?.message ?? 'no message'}`,
        object?.code,
      );
    }
    const version = object?.metadata?.resourceVersion;
    if (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED') {
      await this.handlers.onEvent(type, object);
    }
    if (typeof version === 'string' && version) this.resourceVersion = version;
  }
}
