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

import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { DocumentCollatorFactory } from '@backstage/plugin-search-common';
import {
  ClustersResponse,
  FleetHealthResponse,
  RUNBOOKS,
} from '@platform-portal/plugin-platform-common';
import { Readable } from 'node:stream';
import { CLUSTER_DOCUMENT_TYPE, clusterDocuments } from './clusterDocuments';
import { RUNBOOK_DOCUMENT_TYPE, runbookDocuments } from './runbookDocuments';

/** How long one read of the platform backend may take before indexing gives up. */
const READ_DEADLINE_MS = 30_000;

/**
 * The fleet's clusters with their current verdicts, read from the platform
 * backend's API (its health read model) with the search plugin's own
 * service credentials.
 */
export class PlatformClusterCollatorFactory implements DocumentCollatorFactory {
  readonly type = CLUSTER_DOCUMENT_TYPE;

  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
    },
  ) {}

  async getCollator(): Promise<Readable> {
    const [clusters, fleet] = await Promise.all([
      this.read<ClustersResponse>('/clusters'),
      this.read<FleetHealthResponse>('/health'),
    ]);
    return Readable.from(clusterDocuments(clusters.clusters, fleet.clusters));
  }

  private async read<T>(path: string): Promise<T> {
    const { discovery, auth } = this.options;
    const baseUrl = await discovery.getBaseUrl('platform');
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'platform',
    });
    const response = await fetch(`${baseUrl}${path}`, {
      headers: { Authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(READ_DEADLINE_MS),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

/** The platform's runbooks, from the guide the portal ships with. */
export class PlatformRunbookCollatorFactory implements DocumentCollatorFactory {
  readonly type = RUNBOOK_DOCUMENT_TYPE;

  async getCollator(): Promise<Readable> {
    return Readable.from(runbookDocuments(RUNBOOKS));
  }
}
