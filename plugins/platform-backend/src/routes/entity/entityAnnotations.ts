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

import { Entity } from '@backstage/catalog-model';
import { EntityNotConfigured } from '@platform-portal/plugin-platform-common';

/** The trimmed value of an annotation, undefined when absent or blank. */
export function annotationOf(
  entity: Entity,
  annotation: string,
): string | undefined {
  const value = entity.metadata.annotations?.[annotation]?.trim();
  return value ? value : undefined;
}

/** The answer for an entity none of whose `annotations` is set. */
export function notConfigured(
  entity: Entity,
  annotations: string[],
): EntityNotConfigured {
  return {
    configured: false,
    annotations,
    message: `${
      entity.metadata.name
    } has none of the annotations ${annotations.join(
      ', ',
    )}; add one to its catalog-info.yaml`,
  };
}
