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

import { LabelMatcher } from '../alerts/matchers';
import { goJsonError, goTimeError, goType } from './goErrors';

/** A silence as POST /api/v2/silences carries it, after go-swagger's binding. */
export interface PostableSilence {
  id?: string;
  matchers: LabelMatcher[];
  startsAt: Date;
  endsAt: Date;
  createdBy: string;
  comment: string;
}

/** go-swagger's answers: 400 when the body does not decode, 422 when a required field is missing. */
export type BindingError = {
  status: 400 | 422;
  body: { code: number; message: string };
};

const decodeError = (reason: string): BindingError => ({
  status: 400,
  body: {
    code: 400,
    message: `parsing silence body from "" failed, because ${reason}`,
  },
});
const required = (field: string): BindingError => ({
  status: 422,
  body: { code: 602, message: `${field} in body is required` },
});

const present = (value: unknown) => value !== undefined && value !== null;

/**
 * Decodes and validates the body as Alertmanager 0.25's generated model does:
 * JSON and time formats first, then required fields in the model's order
 * (comment, createdBy, endsAt, matchers with at least one item, each
 * matcher's isRegex, name and value, startsAt); the first failure answers.
 */
export function bindPostableSilence(
  text: string,
): PostableSilence | BindingError {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    return decodeError(goJsonError(text, error as Error));
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    const kind = goType(body);
    return decodeError(
      `json: cannot unmarshal ${kind} into Go value of type struct { ID string "json:\\"id,omitempty\\"" }`,
    );
  }
  const b = body as Record<string, unknown>;
  for (const field of ['startsAt', 'endsAt'] as const) {
    if (
      present(b[field]) &&
      (typeof b[field] !== 'string' ||
        Number.isNaN(Date.parse(b[field] as string)))
    ) {
      return decodeError(goTimeError(String(b[field])));
    }
  }
  if (!present(b.comment)) return required('comment');
  if (!present(b.createdBy)) return required('createdBy');
  if (!present(b.endsAt)) return required('endsAt');
  if (!present(b.matchers)) return required('matchers');
  const raw = b.matchers as Array<Record<string, unknown>>;
  if (!Array.isArray(raw) || raw.length === 0) {
    return {
      status: 422,
      body: {
        code: 612,
        message: 'matchers in body should have at least 1 items',
      },
    };
  }
  for (const [i, m] of raw.entries()) {
    for (const field of ['isRegex', 'name', 'value'])
      if (!present(m?.[field])) return required(`matchers.${i}.${field}`);
  }
  if (!present(b.startsAt)) return required('startsAt');
  return {
    id: typeof b.id === 'string' && b.id !== '' ? b.id : undefined,
    matchers: raw.map(m => ({
      name: String(m.name),
      value: String(m.value),
      isRegex: m.isRegex === true,
      isEqual: m.isEqual !== false,
    })),
    startsAt: new Date(b.startsAt as string),
    endsAt: new Date(b.endsAt as string),
    createdBy: String(b.createdBy),
    comment: String(b.comment),
  };
}
