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

export interface NexusStatusCheck {
  healthy: boolean;
  message?: string | null;
}

export interface NexusBlobStore {
  name: string;
  unavailable?: boolean;
  availableSpaceInBytes?: number;
  totalSizeInBytes?: number;
  softQuota?: { type?: string; limit?: number } | null;
}

export interface NexusRepository {
  name: string;
  format: string;
  type: 'hosted' | 'proxy' | 'group' | string;
  online?: boolean;
}

/** Nexus Repository 3 REST reads the health engine needs. */
export class NexusClient {
  constructor(private readonly http: UpstreamHttpClient) {}

  /** 200 when Nexus accepts writes, 503 in read-only mode. */
  async writable(signal?: AbortSignal): Promise<Observed<boolean>> {
    const result = await this.http.probe(
      '/service/rest/v1/status/writable',
      [503],
      signal,
    );
    return { ...result, data: result.status === 200 };
  }

  statusChecks(
    signal?: AbortSignal,
  ): Promise<Observed<Record<string, NexusStatusCheck>>> {
    return this.http.getJson(
      '/service/rest/v1/status/check',
      undefined,
      signal,
    );
  }

  blobStores(signal?: AbortSignal): Promise<Observed<NexusBlobStore[]>> {
    return this.http.getJson('/service/rest/v1/blobstores', undefined, signal);
  }

  repositories(signal?: AbortSignal): Promise<Observed<NexusRepository[]>> {
    return this.http.getJson(
      '/service/rest/v1/repositories',
      undefined,
      signal,
    );
  }
}
