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

import { invalid, printable, requireString } from './names';

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * A fully qualified hostname strictly below one of the allowed domains, e.g.
 * `shop.apps.example.internal` under `apps.example.internal`. Wildcards,
 * ports, trailing dots, IP addresses and upper case are refused.
 *
 * @public
 */
export function requireHostnameUnder(
  field: string,
  value: unknown,
  allowedDomains: readonly string[],
): string {
  const host = requireString(field, value);
  if (host.length > 253) invalid(field, 'must be no more than 253 characters');
  const labels = host.split('.');
  if (
    labels.some(
      label => label.length === 0 || label.length > 63 || !LABEL.test(label),
    )
  ) {
    invalid(
      field,
      `"${printable(host)}" is not a valid lowercase DNS hostname`,
    );
  }
  const domain = allowedDomains.find(d => host.endsWith(`.${d}`));
  if (!domain) {
    invalid(
      field,
      `"${printable(
        host,
      )}" is not under an allowed domain (${allowedDomains.join(', ')})`,
    );
  }
  return host;
}

/**
 * A list of hostnames, each under an allowed domain, without duplicates.
 *
 * @public
 */
export function requireHostnames(
  field: string,
  value: unknown,
  allowedDomains: readonly string[],
  maxCount = 16,
): string[] {
  if (!Array.isArray(value) || value.length === 0)
    invalid(field, 'must be a non-empty list of hostnames');
  if (value.length > maxCount)
    invalid(field, `must list at most ${maxCount} hostnames`);
  const hosts = value.map((host, i) =>
    requireHostnameUnder(`${field}[${i}]`, host, allowedDomains),
  );
  if (new Set(hosts).size !== hosts.length)
    invalid(field, 'must not repeat a hostname');
  return hosts;
}
