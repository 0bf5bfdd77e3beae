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

/** Alertmanager details the contract leaves open, kept in one place. */

/** Deleting a silence that already expired: status and text (unconfirmed). */
export const ALREADY_EXPIRED_STATUS = 500;
export const alreadyExpired = (id: string) => `silence ${id} already expired`;

/** Unknown silence id: 404 with this JSON string (text unconfirmed). */
export const SILENCE_NOT_FOUND = 'silence not found';

/** A POST /alerts body that is not a postableAlerts array: go-swagger's 400 envelope (text unconfirmed). */
export const malformedAlerts = (reason: string) => ({
  code: 400,
  message: `parsing postableAlerts body from "" failed, because ${reason}`,
});

/** Validation errors of posted alerts, joined as Alertmanager's MultiError prints them. */
export const invalidAlerts = (errors: string[]) => errors.join('; ');
