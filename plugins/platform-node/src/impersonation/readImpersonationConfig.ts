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

import { Config } from '@backstage/config';

/**
 * How signed-in people map to Kubernetes identities (`platform.impersonation`).
 *
 * @public
 */
export interface ImpersonationConfig {
  /** Template of the Kubernetes user, from the person's user entity ref. */
  user: string;
  /** Template of each Kubernetes group, from a group ref the person owns through. */
  group: string;
  /** Seconds an access review's answer is reused for the same person and question. */
  accessReviewCacheSeconds: number;
}

/** @public */
export const IMPERSONATION_KEY = 'platform.impersonation';

const PLACEHOLDER = /\{([^}]*)\}/g;
const KNOWN = new Set(['kind', 'namespace', 'name']);

function template(config: Config, field: string): string {
  const key = `${IMPERSONATION_KEY}.${field}`;
  const value = config.getOptionalString(key) ?? '{name}';
  for (const [, placeholder] of value.matchAll(PLACEHOLDER)) {
    if (!KNOWN.has(placeholder)) {
      throw new Error(
        `Invalid config at ${key}: unknown placeholder {${placeholder}} in '${value}'; use {kind}, {namespace} and {name}`,
      );
    }
  }
  if (!value.includes('{name}')) {
    throw new Error(
      `Invalid config at ${key}: '${value}' must contain {name}, or every person would share one identity`,
    );
  }
  // system: identities belong to Kubernetes itself (system:masters holds every right).
  if (value.toLocaleLowerCase('en-US').startsWith('system:')) {
    throw new Error(
      `Invalid config at ${key}: '${value}' would name a system: identity, which people never get`,
    );
  }
  return value;
}

/**
 * Reads `platform.impersonation`; a bad value stops the start-up with a
 * message naming its key.
 *
 * @public
 */
export function readImpersonationConfig(config: Config): ImpersonationConfig {
  const key = `${IMPERSONATION_KEY}.accessReviewCacheSeconds`;
  const seconds = config.getOptionalNumber(key) ?? 60;
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 3600) {
    throw new Error(
      `Invalid config at ${key}: ${seconds} is not between 0 and 3600 seconds`,
    );
  }
  return {
    user: template(config, 'user'),
    group: template(config, 'group'),
    accessReviewCacheSeconds: seconds,
  };
}
