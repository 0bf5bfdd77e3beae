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

import type * as Api from './schema/openapi/generated/models';

/**
 * What the entity routes (`/api/platform/entity/:namespace/:kind/:name/...`)
 * answer when the entity's annotations do not set the integration up.
 *
 * `configured` is narrowed here rather than in the spec: the generator
 * writes a boolean enum as the string `'false'`, and the literal is what
 * lets callers tell the answers apart.
 *
 * @public
 */
export type EntityNotConfigured = Api.EntityNotConfigured & {
  configured: false;
};

/**
 * A generated entity answer (`EntityNotConfigured` or the integration's
 * model) with `configured` narrowed to its literal in each member, so that
 * callers can tell them apart.
 *
 * @public
 */
export type EntityAnswer<T extends { configured: boolean }> =
  | EntityNotConfigured
  | (Exclude<T, Api.EntityNotConfigured> & { configured: true });
