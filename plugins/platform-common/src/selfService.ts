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

/** The self-service templates whose writes the backend can preview. @public */
export const PREVIEWABLE_TEMPLATES = [
  'platform-route-certificate',
  'platform-volume',
  'platform-namespace',
] as const;

/** @public */
export type PreviewableTemplate = (typeof PREVIEWABLE_TEMPLATES)[number];

/**
 * POST /api/platform/self-service/preview: a template and the parameters its
 * form holds.
 *
 * @public
 */
export interface ManifestPreviewRequest {
  template: PreviewableTemplate;
  parameters: Record<string, unknown>;
}

/**
 * One manifest a template's actions would apply: create or update when the
 * checks and the API server's dry run accept it, refused with the reason
 * otherwise, not-checked while its namespace does not exist yet.
 *
 * @public
 */
export interface PreviewedManifest {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  outcome: 'create' | 'update' | 'refused' | 'not-checked';
  message: string;
  manifest: { [key: string]: unknown };
}

/** @public */
export interface ManifestPreviewResponse {
  template: string;
  cluster: string;
  /** No manifest is refused: the template may run. */
  ok: boolean;
  manifests: PreviewedManifest[];
}

/** A Service and its ports, for the route template's pickers. @public */
export interface NamespaceService {
  name: string;
  ports: Array<{ port: number; name?: string; protocol?: string }>;
}

/** GET /api/platform/clusters/:cluster/namespaces/:namespace/services. @public */
export interface NamespaceServicesResponse {
  cluster: string;
  namespace: string;
  services: NamespaceService[];
}
