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
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** The config key the self-service actions check hostnames against. */
export const ALLOWED_DOMAINS_KEY = 'platform.selfService.allowedDomains';

/**
 * Why `hostname` cannot be a route's hostname, or undefined when it can: DNS
 * labels (RFC 1123) directly or further below one of the allowed domains. The
 * scaffolder actions check the same again before they write.
 */
export function hostnameProblem(
  hostname: string,
  allowedDomains: string[],
): string | undefined {
  if (hostname.length > 253) {
    return 'is longer than 253 characters';
  }
  const domain = allowedDomains.find(d => hostname.endsWith(`.${d}`));
  if (!domain) {
    return allowedDomains.length
      ? `must end with one of the platform's domains: ${allowedDomains.join(
          ', ',
        )}`
      : `cannot be checked: no domains are allowed (${ALLOWED_DOMAINS_KEY})`;
  }
  const host = hostname.slice(0, -(domain.length + 1));
  const bad = host.split('.').find(label => !DNS_LABEL.test(label));
  if (bad !== undefined) {
    return `"${bad}" is not a DNS label (lowercase letters, digits and '-', at most 63)`;
  }
  return undefined;
}

/** Splits a hostname into the part the user types and its allowed domain. */
export function splitHostname(
  hostname: string | undefined,
  allowedDomains: string[],
): { host: string; domain: string | undefined } {
  const domain = [...allowedDomains]
    .sort((a, b) => b.length - a.length)
    .find(d => hostname?.endsWith(`.${d}`));
  if (!hostname || !domain) {
    return { host: hostname ?? '', domain: allowedDomains[0] };
  }
  return { host: hostname.slice(0, -(domain.length + 1)), domain };
}
