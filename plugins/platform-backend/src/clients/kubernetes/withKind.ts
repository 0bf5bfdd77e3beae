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

import { KubernetesObjectLike } from '@platform-portal/plugin-platform-node';

/**
 * A list's items as objects that name their kind: a real API server leaves
 * `apiVersion` and `kind` off the items of a built-in kind's list (the list
 * names them once), and the checks match objects by kind.
 */
export function withKind<T extends KubernetesObjectLike>(
  items: T[],
  apiVersion: string,
  kind: string,
): T[] {
  return items.map(item =>
    item.kind && item.apiVersion ? item : { ...item, apiVersion, kind },
  );
}
