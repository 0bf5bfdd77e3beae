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

import { Observed, UpstreamHttpClient } from '../http/UpstreamHttpClient';

export interface PrometheusSample {
  metric: Record<string, string>;
  value: [number, string];
}

interface QueryEnvelope {
  status: 'success' | 'error';
  data?: { resultType: string; result: PrometheusSample[] };
  error?: string;
}

/** Prometheus / Mimir instant queries (`X-Scope-OrgID` set by the caller's headers). */
export class PrometheusClient {
  constructor(private readonly http: UpstreamHttpClient) {}

  async query(
    promql: string,
    signal?: AbortSignal,
  ): Promise<Observed<PrometheusSample[]>> {
    const result = await this.http.getJson<QueryEnvelope>(
      '/api/v1/query',
      { query: promql },
      signal,
    );
    if (
      result.data.status !== 'success' ||
      result.data.data?.resultType !== 'vector'
    ) {
      throw new Error(
        `Prometheus query failed: ${
          result.data.error ?? result.data.data?.resultType
        }`,
      );
    }
    return { ...result, data: result.data.data.result };
  }
}
