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

import type * as Api from './schema/openapi/generated/models';

/** The self-service templates whose writes the backend can preview. @public */
export type PreviewableTemplate = Api.PreviewableTemplate;

/** The self-service templates whose writes the backend can preview. @public */
export const PREVIEWABLE_TEMPLATES: readonly PreviewableTemplate[] = [
  'platform-route-certificate',
  'platform-volume',
  'platform-namespace',
];

/**
 * POST /api/platform/self-service/preview: a template and the parameters its
 * form holds.
 *
 * @public
 */
export type ManifestPreviewRequest = Api.ManifestPreviewRequest;

/**
 * One manifest a template's actions would apply: create or update when the
 * checks and the API server's dry run accept it, refused with the reason
 * otherwise, not-checked while its namespace does not exist yet.
 *
 * @public
 */
export type PreviewedManifest = Api.PreviewedManifest;

/** @public */
export type ManifestPreviewResponse = Api.ManifestPreview;

/** A Service and its ports, for the route template's pickers. @public */
export type NamespaceService = Api.NamespaceService;

/** GET /api/platform/clusters/:cluster/namespaces/:namespace/services. @public */
export type NamespaceServicesResponse = Api.NamespaceServices;
