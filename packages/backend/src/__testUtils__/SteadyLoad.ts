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

import { httpRequest } from './httpRequest';

/** What steady load saw: answers by status, and network errors. */
export interface LoadReport {
  total: number;
  byStatus: Record<string, number>;
  failures: string[];
}

/**
 * A fixed number of clients sending one request after another (with a short
 * pause) until stopped, counting every answer that is not a 2xx.
 */
export class SteadyLoad {
  private stopped = false;
  private readonly clients: Promise<void>[] = [];
  private readonly report: LoadReport = {
    total: 0,
    byStatus: {},
    failures: [],
  };

  constructor(
    private readonly url: string,
    private readonly options: {
      headers?: Record<string, string>;
      clients?: number;
      pauseMs?: number;
    } = {},
  ) {}

  start(): void {
    for (let i = 0; i < (this.options.clients ?? 4); i++) {
      this.clients.push(this.run());
    }
  }

  /** Answers so far (a copy). */
  snapshot(): LoadReport {
    return structuredClone(this.report);
  }

  async stop(): Promise<LoadReport> {
    this.stopped = true;
    await Promise.all(this.clients);
    return this.snapshot();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      this.report.total += 1;
      try {
        const answer = await httpRequest(this.url, {
          headers: this.options.headers,
          timeoutMs: 60_000,
        });
        const key = String(answer.status);
        this.report.byStatus[key] = (this.report.byStatus[key] ?? 0) + 1;
        if (answer.status < 200 || answer.status >= 300) {
          this.report.failures.push(
            `${answer.status} ${answer.body.slice(0, 200)}`,
          );
        }
      } catch (error) {
        this.report.byStatus.error = (this.report.byStatus.error ?? 0) + 1;
        this.report.failures.push(String(error));
      }
      await new Promise(resolve =>
        setTimeout(resolve, this.options.pauseMs ?? 25),
      );
    }
  }
}
