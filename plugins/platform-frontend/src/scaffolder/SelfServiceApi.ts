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
import { createApiRef } from '@backstage/core-plugin-api';
import {
  ManifestPreviewRequest,
  ManifestPreviewResponse,
  NamespaceServicesResponse,
  TeamNamespacesResponse,
} from '@platform-portal/plugin-platform-common';

/** What the templates' form fields ask the platform backend. @public */
export interface SelfServiceApi {
  /** Team namespaces on `cluster` the user may write, optionally of one team. */
  listTeamNamespaces(
    cluster: string,
    team?: string,
  ): Promise<TeamNamespacesResponse>;
  /** The Services of a namespace and their ports, as the user may read them. */
  listNamespaceServices(
    cluster: string,
    namespace: string,
  ): Promise<NamespaceServicesResponse>;
  /** What a template would write, checked and dry-run by the API server. */
  previewSelfService(
    request: ManifestPreviewRequest,
  ): Promise<ManifestPreviewResponse>;
}

/** @public */
export const selfServiceApiRef = createApiRef<SelfServiceApi>({
  id: 'plugin.platform.self-service',
});
