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

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './repoRoot';

/*
 * Files of a module tools/kube pins, as the Go module cache holds them once
 * scripts/kube-binaries.sh has built from it (upstream's published OpenAPI
 * documents, kwok's stages): read from there, never copied into the repository.
 */

/** The version tools/<tool>/go.mod requires of `module`. */
export function pinnedToolVersion(tool: string, module: string): string {
  const goMod = readFileSync(join(REPO_ROOT, 'tools', tool, 'go.mod'), 'utf8');
  const escaped = module.replace(/[.\/]/g, c => `\\${c}`);
  const version = goMod.match(
    new RegExp(`^\\s*(?:require\\s+)?${escaped}\\s+(v\\S+)`, 'm'),
  )?.[1];
  if (!version) {
    throw new Error(`tools/${tool}/go.mod does not require ${module}`);
  }
  return version;
}

/** The version tools/kube/go.mod requires of `module`. */
export function pinnedVersion(module: string): string {
  return pinnedToolVersion('kube', module);
}

/** A folder of the pinned module in the Go module cache; throws when absent. */
export function pinnedModuleDir(module: string, subdir = ''): string {
  const go = existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : 'go';
  const cache = execFileSync(go, ['env', 'GOMODCACHE'], {
    encoding: 'utf8',
    timeout: 30_000,
  }).trim();
  const dir = join(cache, `${module}@${pinnedVersion(module)}`, subdir);
  if (!existsSync(dir)) {
    throw new Error(`${dir} is missing: run scripts/kube-binaries.sh`);
  }
  return dir;
}
