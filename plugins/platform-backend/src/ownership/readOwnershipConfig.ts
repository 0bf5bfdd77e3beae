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

import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** Who owns what upstream: only the platform team writes this, in config. */
export interface OwnershipConfig {
  /** Argo CD project name → owning group ref. */
  argocdProjects: Map<string, string>;
  /** GitLab group path (a project's namespace, or a parent of it) → owning group ref. */
  gitlabGroups: Map<string, string>;
  /** Nexus repository and component path (a prefix when it ends in `/`) → owning group ref. */
  nexus: Array<{ repository: string; path: string; owner: string }>;
  /** Group refs whose members run the platform: they act on every team's objects. */
  platformTeams: string[];
}

export const OWNERSHIP_KEYS = {
  argocd: 'platform.ownership.argocdProjects',
  gitlab: 'platform.ownership.gitlabGroups',
  nexus: 'platform.ownership.nexus',
  platformTeams: 'permission.platformPolicy.platformTeams',
} as const;

const DEFAULT_PLATFORM_TEAMS = ['group:default/platform-team'];
const NAME = /^[a-z0-9]([-a-z0-9._]*[a-z0-9])?$/;
// GitLab path segments start with a letter, digit or '_' (so never '.' or '..').
const GITLAB_PATH =
  /^[A-Za-z0-9_][-A-Za-z0-9_.]*(\/[A-Za-z0-9_][-A-Za-z0-9_.]*)*$/;

/** A group ref in its normal form, or a 400-style error naming the key. */
function groupRef(value: string, key: string): string {
  let ref;
  try {
    ref = parseEntityRef(value, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
  } catch {
    throw new InputError(
      `Invalid config at ${key}: '${value}' is not an entity ref`,
    );
  }
  if (ref.kind.toLocaleLowerCase('en-US') !== 'group') {
    throw new InputError(
      `Invalid config at ${key}: '${value}' is not a Group ref`,
    );
  }
  return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
}

function mapping(
  config: Config,
  key: string,
  field: string,
  pattern: RegExp,
): Map<string, string> {
  const result = new Map<string, string>();
  (config.getOptionalConfigArray(key) ?? []).forEach((entry, index) => {
    const at = `${key}[${index}]`;
    const name = entry.getString(field);
    if (!pattern.test(name)) {
      throw new InputError(
        `Invalid config at ${at}.${field}: '${name}' is not a valid name`,
      );
    }
    if (result.has(name)) {
      throw new InputError(
        `Invalid config at ${at}.${field}: '${name}' is listed twice`,
      );
    }
    result.set(name, groupRef(entry.getString('owner'), `${at}.owner`));
  });
  return result;
}

/** Reads `platform.ownership`; a malformed entry stops the start-up and names its key. */
export function readOwnershipConfig(config: Config): OwnershipConfig {
  const nexus = (config.getOptionalConfigArray(OWNERSHIP_KEYS.nexus) ?? []).map(
    (entry, index) => {
      const at = `${OWNERSHIP_KEYS.nexus}[${index}]`;
      const repository = entry.getString('repository');
      const path = entry.getString('path');
      if (!NAME.test(repository)) {
        throw new InputError(
          `Invalid config at ${at}.repository: '${repository}' is not a repository name`,
        );
      }
      // A prefix must end at a path segment, or `team-a` would also own `team-ab/…`.
      if (!path || path.startsWith('/') || path.includes('*')) {
        throw new InputError(
          `Invalid config at ${at}.path: '${path}' must be a component name, or a prefix ending in '/'`,
        );
      }
      return {
        repository,
        path,
        owner: groupRef(entry.getString('owner'), `${at}.owner`),
      };
    },
  );
  const platformTeams = (
    config.getOptionalStringArray(OWNERSHIP_KEYS.platformTeams) ??
    DEFAULT_PLATFORM_TEAMS
  ).map((ref, index) =>
    groupRef(ref, `${OWNERSHIP_KEYS.platformTeams}[${index}]`),
  );
  return {
    argocdProjects: mapping(config, OWNERSHIP_KEYS.argocd, 'project', NAME),
    gitlabGroups: mapping(config, OWNERSHIP_KEYS.gitlab, 'group', GITLAB_PATH),
    nexus,
    platformTeams,
  };
}
