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

import { toV1beta1, toV1beta2 } from './capiConversion';
import { KubeObject } from './objects';
import { apiVersionOf, ResourceType } from './resources';

/** The object as a client of `version` sees it; stored objects use the type's first version. */
export function toServedVersion(type: ResourceType, object: KubeObject, version: string): KubeObject {
  const wanted = apiVersionOf(type.group, version);
  if (object.apiVersion === wanted) return object;
  if (version === 'v1beta1' && object.apiVersion.endsWith('/v1beta2')) return toV1beta1(object);
  return { ...object, apiVersion: wanted };
}

/** The object as stored, from what a client of another version sent. */
export function toStorageVersion(type: ResourceType, object: KubeObject): KubeObject {
  const storage = apiVersionOf(type.group, type.versions[0]);
  if (object.apiVersion === storage) return object;
  if (storage.endsWith('/v1beta2') && object.apiVersion.endsWith('/v1beta1')) return toV1beta2(object);
  return { ...object, apiVersion: storage };
}
