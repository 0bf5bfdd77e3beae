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

import { existsSync, readFileSync } from 'node:fs';
import { basename, join, posix } from 'node:path';
import { DockerfileParser, Instruction } from 'dockerfile-ast';

/** One instruction: its keyword, its arguments (JSON form unquoted) and its flags. */
export interface Step {
  keyword: string;
  args: string[];
  flags: Record<string, string | null>;
}

/** One build stage: its base image (build arguments substituted), its name and its steps. */
export interface Stage {
  base: string;
  name?: string;
  steps: Step[];
}

/** A COPY from the build context into a stage: a repository path and where it lands. */
export interface ContextCopy {
  source: string;
  destination: string;
}

function step(instruction: Instruction): Step {
  const keyword = instruction.getKeyword();
  const json = (instruction as any).getJSONStrings?.() as
    | Array<{ getJSONValue(): string }>
    | undefined;
  const flags: Record<string, string | null> = {};
  for (const flag of (instruction as any).getFlags?.() ?? []) {
    flags[flag.getName()] = flag.getValue();
  }
  return {
    keyword,
    args:
      json && json.length > 0
        ? json.map(a => a.getJSONValue())
        : instruction.getArguments().map(a => a.getValue()),
    flags,
  };
}

/** The stages of a Dockerfile, in order, with the defaults of its global ARGs applied to FROM. */
export function parseDockerfile(path: string): Stage[] {
  const dockerfile = DockerfileParser.parse(readFileSync(path, 'utf8'));
  const globals: Record<string, string> = {};
  for (const arg of dockerfile.getInitialARGs()) {
    const [name, value = ''] = (arg.getArgumentsContent() ?? '').split('=');
    globals[name] = value;
  }
  const stages: Stage[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    const s = step(instruction);
    if (s.keyword === 'FROM') {
      const base = s.args[0].replace(
        /\$\{(\w+)\}|\$(\w+)/g,
        (_, a, b) => globals[a ?? b] ?? '',
      );
      const as = s.args.findIndex(a => a.toUpperCase() === 'AS');
      stages.push({
        base,
        name: as >= 0 ? s.args[as + 1] : undefined,
        steps: [],
      });
    } else if (stages.length > 0) {
      stages[stages.length - 1].steps.push(s);
    }
  }
  return stages;
}

/** The last value a stage gives an instruction (WORKDIR, USER, CMD...). */
export function last(stage: Stage, keyword: string): string[] | undefined {
  return stage.steps.filter(s => s.keyword === keyword).pop()?.args;
}

/**
 * Every COPY from the build context into a stage (not `--from` another
 * stage), with destinations made absolute against the WORKDIR in effect.
 */
export function contextCopies(stage: Stage): ContextCopy[] {
  let workdir = '/';
  const copies: ContextCopy[] = [];
  for (const s of stage.steps) {
    if (s.keyword === 'WORKDIR') {
      workdir = posix.resolve(workdir, s.args[0]);
    }
    if (s.keyword !== 'COPY' || 'from' in s.flags) {
      continue;
    }
    const sources = s.args.slice(0, -1);
    const target = s.args[s.args.length - 1];
    const intoDirectory = target.endsWith('/') || sources.length > 1;
    for (const source of sources) {
      const destination = posix.resolve(workdir, target);
      copies.push({
        source,
        destination: intoDirectory
          ? posix.join(destination, basename(source))
          : destination,
      });
    }
  }
  return copies;
}

/** The repository file an absolute path in the image comes from, if a COPY puts it there. */
export function repositoryPathOf(
  copies: ContextCopy[],
  imagePath: string,
): string | undefined {
  for (const { source, destination } of [...copies].reverse()) {
    if (imagePath === destination) {
      return source;
    }
    if (imagePath.startsWith(`${destination}/`)) {
      return posix.join(source, imagePath.slice(destination.length + 1));
    }
  }
  return undefined;
}

function globToRegExp(pattern: string): RegExp {
  let out = '';
  const p = pattern.replace(/^\//, '').replace(/\/$/, '');
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '*' && p[i + 1] === '*') {
      const slash = p[i + 2] === '/';
      out += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') {
      out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else {
      out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${out}$`);
}

/**
 * Whether .dockerignore keeps a repository path out of the build context:
 * as Docker decides, the last pattern that matches the path or one of its
 * parent directories wins, `!` patterns letting it back in.
 */
export function isIgnored(repoRoot: string, path: string): boolean {
  const file = join(repoRoot, '.dockerignore');
  const patterns = existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .map(line => line.trim())
        .filter(line => line && !line.startsWith('#'))
    : [];
  const parts = posix.normalize(path).split('/');
  const candidates = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
  let ignored = false;
  for (const pattern of patterns) {
    const exception = pattern.startsWith('!');
    const re = globToRegExp(exception ? pattern.slice(1) : pattern);
    if (candidates.some(c => re.test(c))) {
      ignored = !exception;
    }
  }
  return ignored;
}
