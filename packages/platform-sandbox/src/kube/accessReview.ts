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

import { RbacAuthorizer, UserInfo } from './authz';
import { parseBody } from './body';
import { isPlainObject, JsonObject } from './objects';
import { badRequest } from './status';

// Paths every authenticated user may GET (system:discovery, system:public-info-viewer).
const PUBLIC_PATHS = ['/api', '/apis', '/version', '/healthz', '/livez', '/readyz', '/openapi'];

export function nonResourceAllowed(user: UserInfo, path: string, verb: string): boolean {
  if (user.groups.includes('system:masters')) return true;
  return verb === 'get' && (path === '/' || PUBLIC_PATHS.some(p => path === p || path.startsWith(`${p}/`)));
}

/**
 * POST selfsubjectaccessreviews: answers from the same RBAC rules that guard
 * requests. `allowed: false` is a normal 201 answer, not an HTTP error.
 */
export function selfSubjectAccessReview(authorizer: RbacAuthorizer, user: UserInfo, body: string): JsonObject {
  const review = parseBody(body, false);
  if (!isPlainObject(review) || !isPlainObject(review.spec)) throw badRequest('spec is required');
  const spec = review.spec as JsonObject;
  let allowed: boolean;
  if (isPlainObject(spec.resourceAttributes)) {
    const a = spec.resourceAttributes as Record<string, string | undefined>;
    allowed = authorizer.allowed(user, {
      verb: a.verb ?? '',
      group: a.group ?? '',
      resource: a.resource ?? '',
      subresource: a.subresource || undefined,
      namespace: a.namespace || undefined,
      name: a.name || undefined,
    });
  } else if (isPlainObject(spec.nonResourceAttributes)) {
    const a = spec.nonResourceAttributes as Record<string, string>;
    allowed = nonResourceAllowed(user, a.path ?? '', a.verb ?? '');
  } else {
    throw badRequest('SelfSubjectAccessReview "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified');
  }
  return {
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec,
    status: {
      allowed,
      ...(allowed ? { reason: 'RBAC: allowed by ClusterRoleBinding or RoleBinding' } : {}),
    },
  };
}
