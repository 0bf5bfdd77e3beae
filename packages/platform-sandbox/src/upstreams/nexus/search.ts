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

import { compareKeys } from '../shared/compare';
import { NexusComponent, REPOSITORIES } from './catalog';

/** Members of a group repository answer for it. */
export function inRepository(itemRepo: string, requested: string): boolean {
  const repo = REPOSITORIES.find(r => r.name === requested);
  return itemRepo === requested || Boolean(repo?.members?.includes(itemRepo));
}

/** Nexus search values accept `*` wildcards and match case-insensitively. */
function globMatch(pattern: string | null, value: string | null): boolean {
  if (pattern === null || pattern === '') return true;
  if (value === null) return false;
  const re = new RegExp(`^${pattern.split('*').map(s => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
  return re.test(value);
}

/** Orders versions numerically part by part, so 1.10.0 sorts after 1.9.0. */
function versionKey(version: string): string {
  return version
    .replace(/^v/, '')
    .split(/[.-]/)
    .map(p => (/^\d+$/.test(p) ? p.padStart(8, '0') : p))
    .join('.');
}

/** Components matching the search parameters, sorted when asked; an error text for bad `sort`/`direction`. */
export function searchComponents(components: NexusComponent[], query: URLSearchParams): NexusComponent[] | string {
  const repository = query.get('repository');
  const keyword = query.get('q');
  const name = query.get('name') ?? query.get('docker.imageName');
  const version = query.get('version') ?? query.get('docker.imageTag');
  const matches = components.filter(
    c =>
      (!repository || inRepository(c.repository, repository)) &&
      (!query.get('format') || c.format === query.get('format')) &&
      globMatch(query.get('group'), c.group) &&
      globMatch(name, c.name) &&
      globMatch(version, c.version) &&
      (!keyword || globMatch(`*${keyword}*`, `${c.name} ${c.version}`)),
  );
  const sort = query.get('sort');
  if (sort && !['group', 'name', 'version', 'repository'].includes(sort)) return `sort: ${sort}`;
  const direction = query.get('direction') ?? (sort === 'version' ? 'desc' : 'asc');
  if (direction !== 'asc' && direction !== 'desc') return `direction: ${direction}`;
  if (sort) {
    const key = (c: NexusComponent) => (sort === 'version' ? versionKey(c.version) : String(c[sort as 'name'] ?? ''));
    matches.sort((a, b) => (direction === 'asc' ? 1 : -1) * compareKeys(key(a), key(b), compareKeys(a.id, b.id)));
  }
  return matches;
}
