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
import { parseEntityRef } from '@backstage/catalog-model';

/**
 * The name in another field of the form, which holds an entity ref (from an
 * EntityPicker or OwnerPicker, e.g. `resource:default/prod-eu-1`) or a plain
 * name; undefined while that field is empty or not a ref.
 */
export function nameFromField(
  formData: Record<string, unknown> | undefined,
  field: string,
): string | undefined {
  const value = formData?.[field];
  if (typeof value !== 'string' || value.trim() === '') {
    return undefined;
  }
  try {
    return parseEntityRef(value, {
      defaultKind: 'resource',
      defaultNamespace: 'default',
    }).name;
  } catch {
    return undefined;
  }
}
