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
import { ANNOTATIONS } from '@platform-portal/plugin-platform-common';
import { InputError } from '@backstage/errors';
import { annotationOf } from './entityAnnotations';
import { parseLabelSelector } from './labelSelector';

/** How an entity names its Argo CD applications, with the community plugin's annotations. */
export type ArgocdSelection =
  | { kind: 'selector'; selector: string; describe: string }
  | { kind: 'name'; name: string; describe: string };

export const ARGOCD_ANNOTATIONS = [
  ANNOTATIONS.argocdAppSelector,
  ANNOTATIONS.argocdAppName,
];

/**
 * The selector wins over the name, as in the community plugin; undefined
 * when the entity sets neither.
 */
export function argocdSelectionOf(entity: Entity): ArgocdSelection | undefined {
  const selector = annotationOf(entity, ANNOTATIONS.argocdAppSelector);
  if (selector) {
    // Argo CD answers a selector it cannot parse with HTTP 500 (codes.Unknown), which
    // would read as an outage and be retried: refuse it here, naming the annotation.
    try {
      parseLabelSelector(selector);
    } catch (error) {
      throw new InputError(
        `${ANNOTATIONS.argocdAppSelector}: ${(error as Error).message}`,
      );
    }
    return {
      kind: 'selector',
      selector,
      describe: `${ANNOTATIONS.argocdAppSelector}: ${selector}`,
    };
  }
  const name = annotationOf(entity, ANNOTATIONS.argocdAppName);
  if (name) {
    return {
      kind: 'name',
      name,
      describe: `${ANNOTATIONS.argocdAppName}: ${name}`,
    };
  }
  return undefined;
}

/** The shared-cache key of one instance's answer for a selection: what is read, never who reads. */
export function argocdCacheKey(
  instance: string,
  selection: ArgocdSelection,
): string {
  const what =
    selection.kind === 'selector'
      ? `selector=${selection.selector}`
      : `name=${selection.name}`;
  return `argocd:v1:${instance}:${what}`;
}
