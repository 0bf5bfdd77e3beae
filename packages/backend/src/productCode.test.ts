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

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

/** The simulated fleet's domain (packages/platform-sandbox): never a default of the product. */
const SANDBOX_DOMAINS = /\b[\w.-]*example\.internal\b/;

/** One concept per file: a longer file holds more than one (issue 19). */
const MAX_LINES = 400;

/** What ships: the plugins' and the app's sources, without tests and their helpers. */
const PRODUCT_DIRS = [
  ...readdirSync(join(ROOT, 'plugins'), { withFileTypes: true })
    .filter(p => p.isDirectory())
    .map(p => join('plugins', p.name, 'src')),
  'packages/app/src',
  'packages/backend/src',
];

function isTestCode(path: string): boolean {
  return (
    /\.test\.tsx?$/.test(path) ||
    /(^|\/)(__testUtils__|__fixtures__|setupTests\.ts)/.test(path) ||
    // The actions' examples are documentation shown beside each action.
    /\.examples\.ts$/.test(path)
  );
}

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|tsx|js)$/.test(entry.name)) files.push(path);
    }
  };
  walk(join(ROOT, dir));
  return files;
}

/** Code lines only: a comment may give an example address. */
function codeLines(text: string): string[] {
  return text.split('\n').filter(line => !/^\s*(\/\/|\*|\/\*)/.test(line));
}

describe('product code', () => {
  it('holds no address of the simulated fleet', () => {
    const files = PRODUCT_DIRS.flatMap(sourceFiles).filter(
      f => !isTestCode(relative(ROOT, f)),
    );
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap(file =>
      codeLines(readFileSync(file, 'utf8'))
        .filter(line => SANDBOX_DOMAINS.test(line))
        .map(line => `${relative(ROOT, file)}: ${line.trim()}`),
    );
    expect(found).toEqual([]);
  });

  it('keeps each source file under 400 lines, generated code, fixtures and tests aside', () => {
    const dirs = [
      ...PRODUCT_DIRS,
      ...readdirSync(join(ROOT, 'packages'), { withFileTypes: true })
        .filter(
          p =>
            p.isDirectory() && !PRODUCT_DIRS.includes(`packages/${p.name}/src`),
        )
        .map(p => join('packages', p.name, 'src')),
    ];
    const files = dirs
      .flatMap(sourceFiles)
      .map(f => relative(ROOT, f))
      .filter(
        f =>
          !/\.test\.tsx?$|\/generated\/|(^|\/)(__fixtures__|fixtures)\//.test(
            f,
          ),
      );
    expect(files).toContain(
      'packages/platform-sandbox/src/kube/KubeApiServer.ts',
    );
    const long = files
      .map(f => ({
        f,
        lines: readFileSync(join(ROOT, f), 'utf8').split('\n').length - 1,
      }))
      .filter(({ lines }) => lines > MAX_LINES)
      .map(({ f, lines }) => `${f}: ${lines} lines`);
    expect(long).toEqual([]);
  });
});
