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
 * GitLab behaviour the contract marks unconfirmed or leaves open. Kept here so
 * each one is easy to correct when checked against a real instance.
 */

/** Default and largest `per_page` (documented). */
export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100;

/**
 * Kaminari's `MAX_COUNT_LIMIT`: GitLab counts a list only up to this many
 * rows; a longer one is paginated without a count (no `x-total`).
 */
export const MAX_COUNT_LIMIT = 10_000;

/**
 * GitLab.com's documented authenticated API limit; self-managed defaults
 * differ. Configurable per simulator.
 */
export const DEFAULT_RATE_LIMIT = { requests: 2000, windowSeconds: 60 };

/** Rack::Attack's plain-text body for a throttled request. */
export const THROTTLED_BODY = 'Retry later\n';

/** Endpoints that accept `pagination=keyset` here: only the project list (unconfirmed for others). */
export const KEYSET_ERROR = {
  status: 405,
  body: { message: '405 Method Not Allowed' },
};

/**
 * A second token for a non-admin user, so that admin-only endpoints and
 * private-project visibility can be exercised. Sandbox convention, not GitLab's.
 */
export function developerToken(adminToken: string): string {
  return `${adminToken}-developer`;
}

/**
 * A read-only token for the admin user (scope `read_api`), so that the
 * insufficient-scope error can be exercised. Sandbox convention.
 */
export function readApiToken(adminToken: string): string {
  return `${adminToken}-read-api`;
}

/** Body of a 403 for a token whose scopes do not allow the request. */
export const INSUFFICIENT_SCOPE = {
  error: 'insufficient_scope',
  error_description: 'The request requires higher privileges than provided by the access token.',
  scope: 'api',
};

/** Fault target that makes a runner stale rather than offline (sandbox convention). */
export const STALE_RUNNER_TARGET = 'stale';

export const PIPELINE_STATUSES = [
  'created',
  'waiting_for_resource',
  'preparing',
  'pending',
  'running',
  'success',
  'failed',
  'canceled',
  'skipped',
  'manual',
  'scheduled',
] as const;
export type PipelineStatus = (typeof PIPELINE_STATUSES)[number];

export const PIPELINE_SCOPES = ['running', 'pending', 'finished', 'branches', 'tags'] as const;

export const PIPELINE_SOURCES = [
  'push',
  'web',
  'trigger',
  'schedule',
  'api',
  'external',
  'pipeline',
  'chat',
  'merge_request_event',
  'external_pull_request_event',
  'parent_pipeline',
] as const;

export const RUNNER_STATUSES = ['online', 'offline', 'stale', 'never_contacted'] as const;
/** Deprecated status filter values still accepted by the API. */
export const DEPRECATED_RUNNER_STATUSES = ['active', 'paused'] as const;
export const RUNNER_TYPES = ['instance_type', 'group_type', 'project_type'] as const;
