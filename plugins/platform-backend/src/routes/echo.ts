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

/** Longest part of a caller's value an error message repeats. */
export const MAX_ECHO = 100;

/**
 * A caller's value as an error message repeats it: control characters
 * escaped and cut to {@link MAX_ECHO} characters, so a 10 kB parameter does
 * not come back in full.
 */
export function echo(value: unknown): string {
  const text = String(value).replace(
    // Control and invisible characters are what must be escaped here.
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069]/g,
    c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  if (text.length <= MAX_ECHO) {
    return text;
  }
  return `${text.slice(0, MAX_ECHO)}… (${text.length} characters)`;
}
