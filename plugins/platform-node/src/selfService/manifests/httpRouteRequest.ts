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

import {
  invalid,
  orDefault,
  requireDnsLabel,
  requireHostnames,
  requireHttpPath,
  requireInteger,
} from '../validation';
import { parseTeamTarget, TeamTarget } from './teamTarget';

/** @public */
export interface RouteBackend {
  service: string;
  port: number;
  weight: number;
}

/** @public */
export interface RouteRule {
  path: string;
  backends: RouteBackend[];
}

/** @public */
export interface HttpRouteRequest extends TeamTarget {
  name: string;
  hostnames: string[];
  rules: RouteRule[];
}

function parseBackends(field: string, value: unknown): RouteBackend[] {
  if (!Array.isArray(value) || value.length === 0)
    invalid(field, 'must list at least one backend');
  if (value.length > 8) invalid(field, 'must list at most 8 backends');
  const backends = value.map((backend, i) => {
    const f = `${field}[${i}]`;
    if (
      typeof backend !== 'object' ||
      backend === null ||
      Array.isArray(backend)
    )
      invalid(f, 'must be an object');
    const b = backend as Record<string, unknown>;
    return {
      service: requireDnsLabel(`${f}.service`, b.service),
      port: requireInteger(`${f}.port`, b.port, 1, 65535),
      weight:
        b.weight === undefined
          ? 1
          : requireInteger(`${f}.weight`, b.weight, 0, 1000),
    };
  });
  if (backends.every(b => b.weight === 0))
    invalid(field, 'at least one backend needs a weight above 0');
  return backends;
}

/**
 * Validates a route request. Backends are Services in the route's own
 * namespace: a backend cannot name another namespace.
 *
 * @public
 */
export function parseHttpRouteRequest(
  input: Record<string, unknown>,
  allowedDomains: readonly string[],
): HttpRouteRequest {
  const target = parseTeamTarget(input);
  const name = requireDnsLabel('name', input.name);
  const hostnames = requireHostnames(
    'hostnames',
    input.hostnames,
    allowedDomains,
  );
  let rulesInput = input.rules;
  if (rulesInput === undefined) {
    rulesInput = [
      { path: orDefault(input.path, '/'), backends: input.backends },
    ];
  }
  if (!Array.isArray(rulesInput) || rulesInput.length === 0)
    invalid('rules', 'must list at least one rule');
  if (rulesInput.length > 16) invalid('rules', 'must list at most 16 rules');
  const rules = rulesInput.map((rule, i) => {
    if (typeof rule !== 'object' || rule === null || Array.isArray(rule))
      invalid(`rules[${i}]`, 'must be an object');
    const r = rule as Record<string, unknown>;
    return {
      path: requireHttpPath(`rules[${i}].path`, orDefault(r.path, '/')),
      backends: parseBackends(`rules[${i}].backends`, r.backends),
    };
  });
  return { ...target, name, hostnames, rules };
}
