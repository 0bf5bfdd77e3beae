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

import { ResponseError } from '@backstage/errors';
import { TypedResponse } from '@platform-portal/plugin-platform-common';

/** The answer's body, or a ResponseError for a non-2xx answer. */
export async function body<T>(request: Promise<TypedResponse<T>>): Promise<T> {
  const response = await request;
  if (!response.ok) {
    throw await ResponseError.fromResponse(response);
  }
  return response.json();
}
