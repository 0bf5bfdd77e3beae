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

import { InputError } from '@backstage/errors';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * Throws an InputError that names the field and what was wrong with it.
 *
 * @public
 */
export function invalid(field: string, problem: string): never {
  throw new InputError(`${field}: ${problem}`);
}

/**
 * The value as a string, or an InputError naming the field.
 *
 * @public
 */
export function requireString(field: string, value: unknown): string {
  if (typeof value !== 'string') invalid(field, 'must be a string');
  if (value.length === 0) invalid(field, 'must not be empty');
  return value;
}

/**
 * An RFC 1123 label (namespace, Service and cluster names): at most 63
 * lowercase letters, digits or '-', starting and ending with a letter or digit.
 *
 * @public
 */
export function requireDnsLabel(field: string, value: unknown): string {
  const name = requireString(field, value);
  if (name.length > 63) invalid(field, 'must be no more than 63 characters');
  if (!DNS_LABEL.test(name)) {
    invalid(
      field,
      `"${printable(
        name,
      )}" is not a lowercase RFC 1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit)`,
    );
  }
  return name;
}

/**
 * An RFC 1123 subdomain (most object names): labels joined by '.', at most 253 characters.
 *
 * @public
 */
export function requireDnsSubdomain(field: string, value: unknown): string {
  const name = requireString(field, value);
  if (name.length > 253) invalid(field, 'must be no more than 253 characters');
  if (!DNS_SUBDOMAIN.test(name)) {
    invalid(
      field,
      `"${printable(name)}" is not a lowercase RFC 1123 subdomain`,
    );
  }
  return name;
}

/**
 * One of a fixed set of values.
 *
 * @public
 */
export function requireOneOf<T extends string>(
  field: string,
  value: unknown,
  allowed: readonly T[],
): T {
  const text = requireString(field, value);
  if (!(allowed as readonly string[]).includes(text)) {
    invalid(
      field,
      `"${printable(text)}" is not allowed; choose one of ${allowed.join(
        ', ',
      )}`,
    );
  }
  return text as T;
}

/**
 * An integer within [min, max].
 *
 * @public
 */
export function requireInteger(
  field: string,
  value: unknown,
  min: number,
  max: number,
): number {
  if (typeof value !== 'number' || !Number.isInteger(value))
    invalid(field, 'must be a whole number');
  if (value < min || value > max)
    invalid(field, `must be between ${min} and ${max}`);
  return value;
}

/**
 * A boolean, or `fallback` when the field is left out.
 *
 * @public
 */
export function requireBoolean(
  field: string,
  value: unknown,
  fallback: boolean,
): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') invalid(field, 'must be true or false');
  return value;
}

/**
 * Shortens and escapes user text so that error messages stay readable.
 *
 * @public
 */
export function printable(text: string): string {
  const escaped = JSON.stringify(
    text.length > 80 ? `${text.slice(0, 80)}…` : text,
  );
  return escaped.slice(1, -1);
}

/**
 * The default only when the field is absent; null and other values are validated as given.
 *
 * @public
 */
export function orDefault(value: unknown, fallback: unknown): unknown {
  return value === undefined ? fallback : value;
}
