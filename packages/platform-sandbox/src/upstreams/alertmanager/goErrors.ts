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

/** The texts Go's encoding/json and time packages give, which Alertmanager passes on. */

/** JSON that does not parse: "unexpected EOF" when the body stops short, else the character Go stopped at. */
export function goJsonError(text: string, error: Error): string {
  const at = /position (\d+)/.exec(error.message);
  const position = at ? Number(at[1]) : text.length;
  const ch = text[position];
  return ch === undefined || text.slice(position).trim() === ''
    ? 'unexpected EOF'
    : `invalid character '${ch}' looking for beginning of value`;
}

/** How encoding/json names a JSON value's type in "cannot unmarshal <type> into ...". */
export function goType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'boolean') return 'bool';
  return typeof value;
}

/** A date-time go-openapi's strfmt cannot read. */
export const goTimeError = (value: string) => {
  const quoted = JSON.stringify(value);
  return `parsing time ${quoted} as "2006-01-02 15:04:05": cannot parse ${quoted} as "2006"`;
};
