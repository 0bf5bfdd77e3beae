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

/** Alertmanager 0.25's answers to bad requests, as the real server gives them. */

/** Unknown silence id on POST (404) and DELETE (500): this JSON string. */
export const SILENCE_NOT_FOUND = 'silence not found';

/** A body that is not JSON or not a postableAlerts array: go-swagger's 400 envelope. */
export const malformedAlerts = (reason: string) => ({
  code: 400,
  message: `parsing alerts body from "" failed, because ${reason}`,
});

/** Validation errors of posted alerts, joined as Alertmanager's MultiError prints them. */
export const invalidAlerts = (errors: string[]) => errors.join('; ');

/** A silence id that is not a UUID: go-swagger's 422 for the path parameter. */
export const UUID =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const notAUuid = (id: string) => ({
  code: 601,
  message: `silenceID in path must be of type uuid: ${JSON.stringify(id)}`,
});
