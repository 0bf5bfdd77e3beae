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
import { InputError } from '@backstage/errors';
import path from 'node:path';

/**
 * A catalog location: `url` or `file`, or an entity provider's own type.
 *
 * @public
 */
export interface CatalogLocationRef {
  type: string;
  target: string;
}

interface OwnerRule {
  prefix: string;
  owner: string;
}

// Locations users can register (the catalog accepts only `url` from its API)
// and those read from disk; any other type is an entity provider configured
// by the operator (LDAP, the platform's cluster provider).
const READ_LOCATION_TYPES = new Set(['url', 'file']);

/**
 * Which catalog locations the platform controls, and which team each
 * user-registered location belongs to.
 *
 * Catalog data is written by users: only entities from trusted locations may
 * decide who belongs to a team or what a template does with the portal's
 * credentials (`platform.catalog` in config).
 *
 * @public
 */
export class CatalogTrust {
  static fromConfig(config: Config): CatalogTrust {
    const configured = new Set<string>();
    for (const location of config.getOptionalConfigArray('catalog.locations') ??
      []) {
      const type = location.getString('type');
      const target = location.getString('target');
      const canonical = canonicalTarget(type, target);
      if (canonical) {
        configured.add(`${type}:${canonical}`);
      }
    }
    const trustedPrefixes = (
      config.getOptionalStringArray('platform.catalog.trustedLocations') ?? []
    ).map((prefix, i) =>
      requirePrefix(`platform.catalog.trustedLocations[${i}]`, prefix),
    );
    const owners = (
      config.getOptionalConfigArray('platform.catalog.locationOwners') ?? []
    ).map((entry, i) => ({
      prefix: requirePrefix(
        `platform.catalog.locationOwners[${i}].url`,
        entry.getString('url'),
      ),
      owner: requireGroupRef(
        `platform.catalog.locationOwners[${i}].owner`,
        entry.getString('owner'),
      ),
    }));
    // The longest prefix decides, so a subgroup can belong to another team.
    owners.sort((a, b) => b.prefix.length - a.prefix.length);
    return new CatalogTrust(configured, trustedPrefixes, owners);
  }

  private constructor(
    private readonly configured: Set<string>,
    private readonly trustedPrefixes: string[],
    private readonly owners: OwnerRule[],
  ) {}

  /**
   * Whether entities from this origin location are the platform's own: a
   * location in `catalog.locations`, under `platform.catalog.trustedLocations`,
   * or an entity provider's.
   */
  isTrustedOrigin(location: CatalogLocationRef | string | undefined): boolean {
    const ref =
      typeof location === 'string' ? parseLocation(location) : location;
    if (!ref) {
      return false;
    }
    if (!READ_LOCATION_TYPES.has(ref.type)) {
      return true;
    }
    const canonical = canonicalTarget(ref.type, ref.target);
    if (!canonical) {
      return false;
    }
    if (this.configured.has(`${ref.type}:${canonical}`)) {
      return true;
    }
    return (
      ref.type === 'url' &&
      this.trustedPrefixes.some(prefix => canonical.startsWith(prefix))
    );
  }

  /** The group (`group:default/x`) a user-registered url location belongs to. */
  ownerOfLocation(location: CatalogLocationRef): string | undefined {
    if (location.type !== 'url') {
      return undefined;
    }
    const canonical = canonicalTarget('url', location.target);
    if (!canonical) {
      return undefined;
    }
    return this.owners.find(rule => canonical.startsWith(rule.prefix))?.owner;
  }

  /**
   * Whether the repository at `repositoryUrl` (its web URL, e.g.
   * `https://gitlab.example.com/team-payments/checkout`) lies in a GitLab
   * group that `platform.catalog.locationOwners` gives to `groupRef`.
   */
  isRepositoryOfGroup(repositoryUrl: string, groupRef: string): boolean {
    const owner = this.ownerOfLocation({
      type: 'url',
      target: `${repositoryUrl.replace(/\/+$/, '')}/`,
    });
    return owner !== undefined && owner === normalizeGroupRef(groupRef);
  }
}

function parseLocation(ref: string): CatalogLocationRef | undefined {
  const colon = ref.indexOf(':');
  if (colon <= 0) {
    return undefined;
  }
  return { type: ref.slice(0, colon), target: ref.slice(colon + 1) };
}

/**
 * The target as compared: a resolved path, or a URL without credentials or
 * fragment. A URL whose path hides a separator or a dot segment in
 * percent-encoding is never matched: a reader may decode it into another
 * group's path after the check.
 */
function canonicalTarget(type: string, target: string): string | undefined {
  if (type === 'file') {
    return path.resolve(target);
  }
  if (type !== 'url') {
    return target;
  }
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return undefined;
  }
  if (url.username || url.password || /%2f|%5c|%2e|\\/i.test(url.pathname)) {
    return undefined;
  }
  return `${url.protocol}//${url.host}${url.pathname}${url.search}`;
}

function requirePrefix(key: string, value: string): string {
  const canonical = canonicalTarget('url', value);
  if (
    !canonical ||
    !canonical.endsWith('/') ||
    canonical.includes('?') ||
    canonical !== value
  ) {
    throw new InputError(
      `${key} must be an http(s) URL ending in "/" without credentials, query or encoded path characters, e.g. https://gitlab.example.com/team-payments/`,
    );
  }
  return canonical;
}

const GROUP_REF =
  /^(?:group:)?(?:([a-z0-9][-a-z0-9_.]*)\/)?([a-z0-9][-a-z0-9_.]*)$/i;

function normalizeGroupRef(ref: string): string | undefined {
  const match = GROUP_REF.exec(ref.trim());
  if (!match) {
    return undefined;
  }
  return `group:${match[1] ?? 'default'}/${match[2]}`.toLocaleLowerCase(
    'en-US',
  );
}

function requireGroupRef(key: string, value: string): string {
  const ref = normalizeGroupRef(value);
  if (!ref) {
    throw new InputError(
      `${key} must name a group, e.g. team-payments or group:default/team-payments`,
    );
  }
  return ref;
}
