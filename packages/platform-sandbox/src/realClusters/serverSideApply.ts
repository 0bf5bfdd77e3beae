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

import { KubeResponse } from './kubeRequest';
import { RealKubeApiServer } from './controlPlane';

/**
 * A server-side apply of `object` at `path` under `fieldManager`, forced as
 * a controller re-asserting its own state does; throws with the Status when
 * the server refuses it.
 */
export async function applyAs(
  kube: Pick<RealKubeApiServer, 'request'>,
  path: string,
  object: Record<string, unknown>,
  fieldManager: string,
  options: { subresource?: string } = {},
): Promise<KubeResponse> {
  const target = options.subresource ? `${path}/${options.subresource}` : path;
  const response = await kube.request(
    'PATCH',
    `${target}?fieldManager=${encodeURIComponent(fieldManager)}&force=true`,
    JSON.stringify(object),
    { contentType: 'application/apply-patch+yaml' },
  );
  if (response.status >= 300) {
    throw new Error(
      `apply of ${target} as ${fieldManager}: HTTP ${
        response.status
      } ${JSON.stringify(response.body?.message ?? response.body)}`,
    );
  }
  return response;
}
