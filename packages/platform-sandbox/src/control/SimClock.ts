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

type TickListener = (now: Date) => void;

/**
 * Simulated time. Controllers move objects forward when the clock ticks; the
 * control API can advance it at once so tests need not wait in real time.
 */
export class SimClock {
  private offsetMs = 0;
  private readonly listeners = new Set<TickListener>();
  private timer?: NodeJS.Timeout;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Moves simulated time forward and runs every controller once. */
  advance(ms: number): Date {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError('ms must be a non-negative number');
    }
    this.offsetMs += ms;
    return this.tick();
  }

  tick(): Date {
    const now = this.now();
    for (const listener of this.listeners) {
      listener(now);
    }
    return now;
  }

  onTick(listener: TickListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Ticks in real time too, for the running sandbox; tests leave it off. */
  start(intervalMs = 1000): void {
    this.stop();
    this.timer = setInterval(() => this.tick(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}
