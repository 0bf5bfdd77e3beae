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

import { keyOf, KubeObject } from './objects';
import { OperationContext, OperationResult, present, storeKey } from './operationContext';
import { decodeContinue, paginate } from './paging';
import { apiVersionOf } from './resources';
import { parseFieldSelector, parseLabelSelector } from './selectors';
import { ApiError, badRequest, expired, notFound } from './status';
import { TooOldError } from './store';

export function findObject(ctx: OperationContext): KubeObject {
  const { request } = ctx;
  const object = ctx.store.get(storeKey(ctx), request.namespace, request.name!);
  if (!object) throw notFound(ctx.type, request.name!);
  return object;
}

/** The autoscaling/v1 Scale view of a scalable object. */
export function scaleOf(object: KubeObject): KubeObject {
  const spec = (object.spec ?? {}) as { replicas?: number; selector?: { matchLabels?: Record<string, string> } };
  const status = (object.status ?? {}) as { replicas?: number; selector?: string };
  const selector =
    status.selector ??
    Object.entries(spec.selector?.matchLabels ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: object.metadata.name,
      namespace: object.metadata.namespace,
      uid: object.metadata.uid,
      resourceVersion: object.metadata.resourceVersion,
      creationTimestamp: object.metadata.creationTimestamp,
    },
    spec: { replicas: spec.replicas ?? 0 },
    status: { replicas: status.replicas ?? 0, selector },
  };
}

export function getObject(ctx: OperationContext): OperationResult {
  const object = findObject(ctx);
  if (ctx.request.subresource === 'scale') return { status: 200, body: scaleOf(object) };
  return { status: 200, body: present(ctx, object) };
}

const TOO_OLD_CONTINUE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

function parseLimit(value: string | null): number | undefined {
  if (value === null || value === '') return undefined;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 0) throw badRequest(`invalid limit: ${value}`);
  return limit === 0 ? undefined : limit;
}

/** A list, optionally one page of a consistent snapshot addressed by a continue token. */
export function listObjects(ctx: OperationContext): OperationResult {
  const { query, type, request } = ctx;
  const labels = parseLabelSelector(query.get('labelSelector'));
  const fields = parseFieldSelector(query.get('fieldSelector'), type.kind, type.group);
  const limit = parseLimit(query.get('limit'));
  const token = query.get('continue') ? decodeContinue(query.get('continue')!) : undefined;
  let rv = ctx.store.resourceVersion;
  let items: KubeObject[];
  if (token) {
    try {
      items = ctx.store.listAt(storeKey(ctx), token.rv, request.namespace);
      rv = token.rv;
    } catch (error) {
      if (error instanceof TooOldError) throw expired(TOO_OLD_CONTINUE);
      throw error;
    }
  } else {
    items = ctx.store.list(storeKey(ctx), request.namespace);
  }
  const selected = items.filter(o => labels(o) && fields(o));
  const page = paginate(selected, keyOf, rv, limit, token?.start);
  return {
    status: 200,
    body: {
      kind: `${type.kind}List`,
      apiVersion: apiVersionOf(type.group, request.version),
      metadata: {
        resourceVersion: String(rv),
        ...(page.continueToken ? { continue: page.continueToken } : {}),
        ...(page.remainingItemCount !== undefined ? { remainingItemCount: page.remainingItemCount } : {}),
      },
      items: page.items.map(o => present(ctx, o)),
    },
  };
}

export function assertNotReadOnly(ctx: OperationContext): void {
  if (ctx.type.readOnly) {
    throw new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
  }
}
