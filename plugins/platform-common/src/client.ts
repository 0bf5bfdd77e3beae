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

// The client generated from the platform backend's src/schema/openapi.yaml:
// one method per operation, answering the raw typed Response; callers use
// the facade in the frontend plugin. Its models and per-operation request
// types are exported under two namespaces, since the models' names overlap
// this package's domain types.
export { DefaultApiClient as PlatformApiClient } from './schema/openapi';
export type { RequestOptions, TypedResponse } from './schema/openapi';
export * as PlatformApiModels from './schema/openapi/generated/models';
export * as PlatformApiRequests from './schema/openapi/generated/apis/Api.client';
