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

import { ImpersonationConfig } from './readImpersonationConfig';

/**
 * Who a signed-in person is to Kubernetes: the user and groups the portal
 * impersonates (`Impersonate-User`, `Impersonate-Group`) when it acts for
 * them, so the API server applies their own RBAC.
 *
 * @public
 */
export interface KubernetesPerson {
  user: string;
  groups: string[];
}

/**
 * A stable key of a person's identity, for caches of their access.
 *
 * @public
 */
export function kubernetesPersonKey(person: KubernetesPerson): string {
  return JSON.stringify([person.user, [...person.groups].sort()]);
}

const REF = /^([^:/]+):([^/]+)\/(.+)$/;

function fill(template: string, ref: string): string | undefined {
  const match = REF.exec(ref);
  if (!match) {
    return undefined;
  }
  const [, kind, namespace, name] = match;
  return template
    .replace(/\{kind\}/g, kind)
    .replace(/\{namespace\}/g, namespace)
    .replace(/\{name\}/g, name);
}

/**
 * The Kubernetes identity of a signed-in person, from their sign-in identity
 * (the user entity ref and the group refs they own through), mapped by
 * `platform.impersonation`; undefined for a caller that is not a user.
 *
 * @public
 */
export function kubernetesPersonOf(
  identity: { userEntityRef: string; ownershipEntityRefs: string[] },
  config: ImpersonationConfig,
): KubernetesPerson | undefined {
  const ref = identity.userEntityRef.toLocaleLowerCase('en-US');
  if (!ref.startsWith('user:')) {
    return undefined;
  }
  const user = fill(config.user, ref);
  if (!user) {
    return undefined;
  }
  const groups = new Set<string>();
  for (const owned of identity.ownershipEntityRefs) {
    const lower = owned.toLocaleLowerCase('en-US');
    if (lower.startsWith('group:')) {
      const group = fill(config.group, lower);
      if (group) {
        groups.add(group);
      }
    }
  }
  return { user, groups: [...groups].sort() };
}
