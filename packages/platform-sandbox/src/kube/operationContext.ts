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

import { UserInfo } from './authz';
import { toServedVersion } from './conversion';
import { KubeObject } from './objects';
import { groupResource, ResourceType } from './resources';
import { ResourceRequest } from './requestInfo';
import { ObjectStore } from './store';

/** Everything one resource operation needs. */
export interface OperationContext {
  type: ResourceType;
  request: ResourceRequest;
  query: URLSearchParams;
  store: ObjectStore;
  now: () => Date;
  user: UserInfo;
  userAgent: string;
  contentType: string;
  body?: string;
}

export interface OperationResult {
  status: number;
  body: unknown;
}

export function storeKey(ctx: OperationContext): string {
  return groupResource(ctx.type);
}

/** The stored object as the client's requested version shows it. */
export function present(ctx: OperationContext, object: KubeObject): KubeObject {
  return toServedVersion(ctx.type, object, ctx.request.version);
}

/**
 * The field manager for a write: the `fieldManager` parameter, else the
 * User-Agent up to the first '/', as the API server derives it.
 */
export function fieldManagerOf(ctx: OperationContext): string {
  const explicit = ctx.query.get('fieldManager');
  if (explicit) return explicit;
  const agent = ctx.userAgent.split('/')[0].trim();
  return agent || 'unknown';
}

export function isDryRun(ctx: OperationContext): boolean {
  return ctx.query.getAll('dryRun').includes('All');
}
