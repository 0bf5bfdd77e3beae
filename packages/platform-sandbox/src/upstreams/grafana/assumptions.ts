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

/** Grafana details the contract leaves open, kept in one place. */

export const GRAFANA_VERSION = { version: '11.4.0', commit: 'b58701869e1a11b696010a6f28bd96b68a2cf0d0' };

/**
 * 401 bodies: `message` is documented; `messageId`, `statusCode` and
 * `traceID` are what current Grafana adds (exact set unconfirmed).
 */
export const UNAUTHORIZED_BODY = { message: 'Unauthorized', messageId: 'auth.unauthorized', statusCode: 401, traceID: '' };
export const INVALID_TOKEN_BODY = { message: 'Invalid API key', messageId: 'api-key.invalid', statusCode: 401, traceID: '' };

export const SEARCH_DEFAULT_LIMIT = 1000;
export const SEARCH_MAX_LIMIT = 5000;

/** Grafana's state name for a firing instance in the Prometheus-style alerts listing (casing unconfirmed). */
export const FIRING_INSTANCE_STATE = 'Alerting';
