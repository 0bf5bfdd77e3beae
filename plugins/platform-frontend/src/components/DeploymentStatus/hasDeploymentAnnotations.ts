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

/** The annotations whose presence puts the deployment status first on a component's Overview. */
export const DEPLOYMENT_STATUS_ANNOTATIONS = [
  ANNOTATIONS.argocdAppSelector,
  ANNOTATIONS.argocdAppName,
  ANNOTATIONS.gitlabProjectSlug,
  ANNOTATIONS.grafanaAlertLabelSelector,
] as const;

/**
 * A component that names its Argo CD applications, GitLab project or
 * alerts: the entity pages of both frontend systems show its deployment
 * status first.
 *
 * @public
 */
export function hasDeploymentAnnotations(entity: Entity): boolean {
  if (entity.kind.toLocaleLowerCase('en-US') !== 'component') return false;
  const annotations = entity.metadata.annotations ?? {};
  return DEPLOYMENT_STATUS_ANNOTATIONS.some(a => annotations[a]?.trim());
}
