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

/**
 * Labels the self-service actions put on the objects they create, so that the
 * portal can tell which team owns them and which catalog entity they serve.
 *
 * @public
 */
export const LABELS = {
  /** Catalog group name of the owning team. */
  owner: 'platform-portal.io/owner',
  /** Catalog entity name the object belongs to. */
  entity: 'platform-portal.io/entity',
  /** Set to `selfservice` on objects created by the scaffolder actions. */
  managedBy: 'app.kubernetes.io/managed-by',
  /** Team label used by the fleet's existing namespaces. */
  team: 'team',
} as const;

/**
 * The team that owns a namespace, from its labels: the self-service owner
 * label, else the `team` label of the fleet's existing namespaces; undefined
 * when nobody does (system and platform namespaces).
 *
 * @public
 */
export function namespaceOwner(
  labels: Record<string, string> | undefined,
): string | undefined {
  return labels?.[LABELS.owner] ?? labels?.[LABELS.team];
}
