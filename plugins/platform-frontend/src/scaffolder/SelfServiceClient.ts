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
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import {
  ManifestPreviewRequest,
  ManifestPreviewResponse,
  NamespaceServicesResponse,
  PlatformApiClient,
  TeamNamespacesResponse,
} from '@platform-portal/plugin-platform-common';
import { body } from '../api/responseBody';
import { SelfServiceApi } from './SelfServiceApi';

/** The platform backend's self-service routes, with the user's token. @public */
export class SelfServiceClient implements SelfServiceApi {
  private readonly api: PlatformApiClient;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.api = new PlatformApiClient(options);
  }

  listTeamNamespaces(
    cluster: string,
    team?: string,
  ): Promise<TeamNamespacesResponse> {
    return body(
      this.api.listTeamNamespaces({
        path: { cluster },
        query: team ? { team } : {},
      }),
    );
  }

  listNamespaceServices(
    cluster: string,
    namespace: string,
  ): Promise<NamespaceServicesResponse> {
    return body(
      this.api.listNamespaceServices({ path: { cluster, namespace } }),
    );
  }

  previewSelfService(
    request: ManifestPreviewRequest,
  ): Promise<ManifestPreviewResponse> {
    return body(this.api.previewSelfService({ body: request }));
  }
}
