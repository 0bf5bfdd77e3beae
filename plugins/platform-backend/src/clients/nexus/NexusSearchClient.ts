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

import { UpstreamHttpClient } from '../http/UpstreamHttpClient';

export interface NexusSearchAsset {
  path: string;
  fileSize?: number;
  lastModified?: string;
}

export interface NexusSearchComponent {
  id: string;
  repository: string;
  format: string;
  group?: string | null;
  name: string;
  version: string;
  assets?: NexusSearchAsset[];
}

interface NexusPage<T> {
  items: T[];
  continuationToken: string | null;
}

/** A runaway guard: Nexus pages by 50, so this is thousands of versions. */
const MAX_PAGES = 100;

/** Nexus Repository 3 search, following `continuationToken` to the last page. */
export class NexusSearchClient {
  constructor(private readonly http: UpstreamHttpClient) {}

  /** Every component of `format` named exactly `name`, newest version first. */
  async components(
    format: 'docker' | 'helm',
    name: string,
    signal?: AbortSignal,
  ): Promise<NexusSearchComponent[]> {
    const found: NexusSearchComponent[] = [];
    let continuationToken: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const query: Record<string, string> = {
        format,
        name,
        sort: 'version',
        direction: 'desc',
      };
      if (continuationToken) {
        query.continuationToken = continuationToken;
      }
      const { data } = await this.http.getJson<NexusPage<NexusSearchComponent>>(
        '/service/rest/v1/search',
        query,
        signal,
      );
      found.push(...data.items);
      continuationToken = data.continuationToken;
      if (!continuationToken) {
        break;
      }
    }
    // Search matches `name` as a pattern; keep exact names only.
    return found.filter(c => c.name === name);
  }
}
