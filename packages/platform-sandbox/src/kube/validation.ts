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

import { NameRule } from './resources';
import { StatusCause } from './status';

// Messages and patterns as in k8s.io/apimachinery/pkg/util/validation.
const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`;
const DNS1035_LABEL = '[a-z]([-a-z0-9]*[a-z0-9])?';

const RULES: Record<Exclude<NameRule, 'path'>, { pattern: RegExp; max: number; message: string }> = {
  dns1123Label: {
    pattern: new RegExp(`^${DNS1123_LABEL}$`),
    max: 63,
    message: `a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '${DNS1123_LABEL}')`,
  },
  dns1123Subdomain: {
    pattern: new RegExp(`^${DNS1123_SUBDOMAIN}$`),
    max: 253,
    message: `a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '${DNS1123_SUBDOMAIN}')`,
  },
  dns1035Label: {
    pattern: new RegExp(`^${DNS1035_LABEL}$`),
    max: 63,
    message: `a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '${DNS1035_LABEL}')`,
  },
};

export function invalidValue(field: string, value: unknown, detail: string): StatusCause {
  return {
    reason: 'FieldValueInvalid',
    message: `Invalid value: ${JSON.stringify(value)}: ${detail}`,
    field,
  };
}

export function requiredValue(field: string, detail: string): StatusCause {
  return { reason: 'FieldValueRequired', message: `Required value: ${detail}`, field };
}

/** The problems with one object name under a kind's rule; empty when valid. */
export function validateName(rule: NameRule, name: string, field = 'metadata.name'): StatusCause[] {
  if (rule === 'path') {
    // RBAC objects only need to be a valid path segment (ValidatePathSegmentName).
    if (name === '.' || name === '..') return [invalidValue(field, name, `may not be '${name}'`)];
    for (const bad of ['/', '%']) {
      if (name.includes(bad)) return [invalidValue(field, name, `may not contain '${bad}'`)];
    }
    return [];
  }
  const { pattern, max, message } = RULES[rule];
  const causes: StatusCause[] = [];
  if (name.length > max) causes.push(invalidValue(field, name, `must be no more than ${max} characters`));
  if (!pattern.test(name)) causes.push(invalidValue(field, name, message));
  return causes;
}

/** Namespaces named in a request path or body follow the label rule. */
export function validateNamespaceName(name: string): StatusCause[] {
  return validateName('dns1123Label', name, 'metadata.namespace');
}
