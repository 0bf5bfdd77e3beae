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

export interface AlertmanagerAlert {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt?: string;
  status?: { state?: string };
}

/** Alertmanager v2 reads. */
export class AlertmanagerClient {
  constructor(private readonly http: UpstreamHttpClient) {}

  /** Active, unsilenced alerts matching every `label=value` filter. */
  firing(
    filters: string[],
    signal?: AbortSignal,
  ): Promise<Observed<AlertmanagerAlert[]>> {
    return this.http.getJson(
      '/api/v2/alerts',
      {
        filter: filters,
        active: 'true',
        silenced: 'false',
        inhibited: 'false',
      },
      signal,
    );
  }

  /** The receivers alerts can be routed to. */
  receivers(signal?: AbortSignal): Promise<Observed<Array<{ name: string }>>> {
    return this.http.getJson('/api/v2/receivers', undefined, signal);
  }
}
