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

// Unreserved and sub-delims of RFC 3986 plus '/', without '%' so no encoded
// traversal or control characters can slip through.
const PATH = /^\/[A-Za-z0-9\-._~!$&'()*+,;=:@/]*$/;

/**
 * An HTTP path prefix such as `/api`: absolute, no `..` or `.` segments, no query or fragment.
 *
 * @public
 */
export function requireHttpPath(field: string, value: unknown): string {
  const path = requireString(field, value);
  if (path.length > 1024)
    invalid(field, 'must be no more than 1024 characters');
  if (!PATH.test(path))
    invalid(field, `"${printable(path)}" is not an absolute URL path`);
  if (path.split('/').some(segment => segment === '.' || segment === '..')) {
    invalid(field, 'must not contain "." or ".." segments');
  }
  if (path.includes('//')) invalid(field, 'must not contain empty segments');
  return path;
}

const REPO_PATH =
  /^[a-z0-9]([a-z0-9._-]*[a-z0-9])?(\/[a-z0-9]([a-z0-9._-]*[a-z0-9])?){0,7}$/;

/**
 * A relative path inside a repository, e.g. `deploy/overlays/prod`; no traversal.
 *
 * @public
 */
export function requireRepoPath(field: string, value: unknown): string {
  const path = requireString(field, value);
  if (path.length > 256) invalid(field, 'must be no more than 256 characters');
  if (path === '.') return path;
  if (
    !REPO_PATH.test(path) ||
    path.split('/').some(s => s === '..' || s === '.')
  ) {
    invalid(
      field,
      `"${printable(
        path,
      )}" is not a relative path of lowercase segments such as deploy/prod`,
    );
  }
  return path;
}

const REVISION =
  /^[A-Za-z0-9]([A-Za-z0-9._-]{0,98}[A-Za-z0-9])?(\/[A-Za-z0-9]([A-Za-z0-9._-]{0,98}[A-Za-z0-9])?){0,3}$/;

/**
 * A git branch or tag such as `main` or `release/1.2`.
 *
 * @public
 */
export function requireGitRevision(field: string, value: unknown): string {
  const revision = requireString(field, value);
  if (!REVISION.test(revision) || revision.includes('..')) {
    invalid(field, `"${printable(revision)}" is not a branch or tag name`);
  }
  return revision;
}
