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

import { KubeObject } from './objects';
import { ApiError } from './status';
import { ObjectStore } from './store';

export interface UserInfo {
  username: string;
  groups: string[];
}

/** What is being asked, as the authorizer sees it (authorizer.Attributes). */
export interface RequestAttributes {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

interface PolicyRule {
  apiGroups?: string[];
  resources?: string[];
  verbs?: string[];
  resourceNames?: string[];
}

interface Subject {
  kind: string;
  name: string;
  namespace?: string;
}

const RBAC = 'rbac.authorization.k8s.io';

function matches(list: string[] | undefined, value: string): boolean {
  return !!list && (list.includes('*') || list.includes(value));
}

function ruleAllows(rule: PolicyRule, attrs: RequestAttributes): boolean {
  const resource = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
  if (!matches(rule.verbs, attrs.verb)) return false;
  if (!matches(rule.apiGroups, attrs.group)) return false;
  if (!matches(rule.resources, resource) && !(attrs.subresource && rule.resources?.includes(`*/${attrs.subresource}`))) {
    return false;
  }
  if (rule.resourceNames && rule.resourceNames.length > 0) {
    return !!attrs.name && rule.resourceNames.includes(attrs.name);
  }
  return true;
}

function subjectMatches(subject: Subject, user: UserInfo): boolean {
  switch (subject.kind) {
    case 'User':
      return subject.name === user.username;
    case 'Group':
      return user.groups.includes(subject.name);
    case 'ServiceAccount':
      return user.username === `system:serviceaccount:${subject.namespace}:${subject.name}`;
    default:
      return false;
  }
}

/**
 * The RBAC authorizer over the cluster's own Role/ClusterRole/RoleBinding/
 * ClusterRoleBinding objects; `system:masters` is always allowed, as upstream.
 */
export class RbacAuthorizer {
  constructor(private readonly store: ObjectStore) {}

  allowed(user: UserInfo, attrs: RequestAttributes): boolean {
    if (user.groups.includes('system:masters')) return true;
    const bound = (binding: KubeObject) =>
      ((binding.subjects as Subject[] | undefined) ?? []).some(s => subjectMatches(s, user));
    for (const binding of this.store.list(`clusterrolebindings.${RBAC}`)) {
      if (bound(binding) && this.roleAllows(binding, undefined, attrs)) return true;
    }
    if (attrs.namespace) {
      for (const binding of this.store.list(`rolebindings.${RBAC}`, attrs.namespace)) {
        if (bound(binding) && this.roleAllows(binding, attrs.namespace, attrs)) return true;
      }
    }
    return false;
  }

  private roleAllows(binding: KubeObject, namespace: string | undefined, attrs: RequestAttributes): boolean {
    const ref = binding.roleRef as { kind: string; name: string } | undefined;
    if (!ref) return false;
    const role =
      ref.kind === 'ClusterRole'
        ? this.store.get(`clusterroles.${RBAC}`, undefined, ref.name)
        : this.store.get(`roles.${RBAC}`, namespace, ref.name);
    const rules = (role?.rules as PolicyRule[] | undefined) ?? [];
    return rules.some(rule => ruleAllows(rule, attrs));
  }
}

/** apiserver `responsewriters.ForbiddenStatusError` text. */
export function forbidden(user: UserInfo, attrs: RequestAttributes): ApiError {
  const resource = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
  const qualified = attrs.group ? `${attrs.resource}.${attrs.group}` : attrs.resource;
  const subject = attrs.name ? `${qualified} "${attrs.name}"` : qualified;
  const scope = attrs.namespace ? `in the namespace "${attrs.namespace}"` : 'at the cluster scope';
  const message = `${subject} is forbidden: User "${user.username}" cannot ${attrs.verb} resource "${resource}" in API group "${attrs.group}" ${scope}`;
  return new ApiError(403, 'Forbidden', message, {
    ...(attrs.name ? { name: attrs.name } : {}),
    // Omitted when empty, as Go's omitempty leaves out the core group.
    ...(attrs.group ? { group: attrs.group } : {}),
    kind: attrs.resource,
  });
}

export function forbiddenPath(user: UserInfo, verb: string, path: string): ApiError {
  return new ApiError(403, 'Forbidden', `forbidden: User "${user.username}" cannot ${verb} path "${path}"`, {});
}
