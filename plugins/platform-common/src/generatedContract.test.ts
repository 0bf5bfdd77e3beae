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

import fs from 'node:fs';
import path from 'node:path';

// The platform API's bodies are written once, in the backend's openapi.yaml;
// this package names the models generated from it and declares none of its own.

const srcDir = __dirname;
const modelsDir = path.join(srcDir, 'schema/openapi/generated/models');

/** The modules that name the API's request and response bodies. */
const WIRE_MODULES = [
  'api.ts',
  'causes.ts',
  'delivery.ts',
  'diagnostics.ts',
  'entity.ts',
  'entityArgocd.ts',
  'entityGitLab.ts',
  'entityGrafana.ts',
  'entityNexus.ts',
  'health.ts',
  'layers.ts',
  'notificationMutes.ts',
  'readiness.ts',
  'selfService.ts',
  'sizing.ts',
  'upgrades.ts',
  'workloads.ts',
];

/**
 * Bodies the spec leaves open (`schema: {}`) so that the handler, not the
 * router, names a bad field in its 400: declared here for the callers.
 */
const OPEN_REQUEST_BODIES = ['AttestationRequest', 'DiagnosticRequest'];

interface Declaration {
  file: string;
  name: string;
  /** The text after `=` of a type alias; undefined for an interface. */
  aliasOf?: string;
}

/** The text from `start` to the first `;` outside braces and parentheses. */
function untilSemicolon(source: string, start: number): string {
  let depth = 0;
  for (let i = start; i < source.length; i++) {
    const c = source[i];
    if (c === '{' || c === '(') depth++;
    if (c === '}' || c === ')') depth--;
    if (c === ';' && depth === 0) return source.slice(start, i);
  }
  return source.slice(start);
}

/** The `export interface` and `export type X =` declarations of a module. */
function declarations(file: string, source: string): Declaration[] {
  const pattern = /^export (interface|type) (\w+)(?:<[^>]*>)?\s*(=|\{)/gm;
  return [...source.matchAll(pattern)].map(match => ({
    file,
    name: match[2],
    aliasOf:
      match[3] === '='
        ? untilSemicolon(source, match.index! + match[0].length).trim()
        : undefined,
  }));
}

/**
 * Whether a declaration is the generated model of its own name, or derived
 * from it (narrowed, or through a generic such as `EntityAnswer<...>`).
 */
function isGeneratedAlias(declaration: Declaration): boolean {
  const head = new RegExp(`^(?:\\w+<)?Api\\.${declaration.name}\\b(?!\\.)`);
  return declaration.aliasOf !== undefined && head.test(declaration.aliasOf);
}

/**
 * Whether a declaration writes an object shape out instead of naming a model.
 * Narrowing a model's `configured` to its literal is not a shape: the
 * generator cannot write a boolean literal.
 */
function isHandWrittenShape(declaration: Declaration): boolean {
  if (declaration.aliasOf === undefined) {
    return true;
  }
  const named = declaration.aliasOf.replace(
    /&\s*\{\s*configured:\s*(?:true|false);?\s*\}/g,
    '',
  );
  return /\{\s*\w+\??:/.test(named);
}

const modelNames = fs
  .readdirSync(modelsDir)
  .filter(file => file.endsWith('.model.ts'))
  .map(file => file.replace(/\.model\.ts$/, ''));

const sourceFiles = fs
  .readdirSync(srcDir)
  .filter(file => file.endsWith('.ts') && !file.endsWith('.test.ts'));

const all = sourceFiles.flatMap(file =>
  declarations(file, fs.readFileSync(path.join(srcDir, file), 'utf8')),
);

describe('platform-common and the generated contract', () => {
  it('finds the generated models', () => {
    expect(modelNames).toEqual(
      expect.arrayContaining(['LayerHealth', 'FleetHealth', 'DiagnosticRun']),
    );
  });

  it('declares no type of a generated model name other than as that model', () => {
    const clashes = all
      .filter(d => modelNames.includes(d.name) && !isGeneratedAlias(d))
      .map(d => `${d.file}: ${d.name}`);
    expect(clashes).toEqual([]);
  });

  it('writes out no request or response shape of its own', () => {
    const shapes = all
      .filter(d => WIRE_MODULES.includes(d.file))
      .filter(d => !OPEN_REQUEST_BODIES.includes(d.name))
      .filter(isHandWrittenShape)
      .map(d => `${d.file}: ${d.name}`);
    expect(shapes).toEqual([]);
  });

  it('aliases only models that exist', () => {
    const dangling = all
      .flatMap(d => [...(d.aliasOf ?? '').matchAll(/\bApi\.(\w+)/g)])
      .map(match => match[1])
      .filter(name => !modelNames.includes(name));
    expect(dangling).toEqual([]);
  });
});

describe('the declaration checks', () => {
  const source = [
    'export type Good = Api.Good;',
    'export type Narrowed = Api.Narrowed & {',
    '  configured: true;',
    '};',
    'export type Other = Api.Something;',
    'export interface Shape {',
    '  a: string;',
    '}',
    'export type Literal = { b: number };',
    'export type Union = Api.Good | { c: string };',
    'export type Answer = Narrowed | (Api.Answer & { configured: true });',
    'export type Wrapped = EntityAnswer<Api.Wrapped>;',
    "export type Words = 'a' | 'b';",
  ].join('\n');
  const found = declarations('x.ts', source);
  const byName = (name: string) => found.find(d => d.name === name)!;

  it('reads aliases, interfaces and object types', () => {
    expect(found.map(d => d.name)).toEqual([
      'Good',
      'Narrowed',
      'Other',
      'Shape',
      'Literal',
      'Union',
      'Answer',
      'Wrapped',
      'Words',
    ]);
  });

  it('tells an alias of the same-named model from any other declaration', () => {
    expect(isGeneratedAlias(byName('Good'))).toBe(true);
    expect(isGeneratedAlias(byName('Narrowed'))).toBe(true);
    expect(isGeneratedAlias(byName('Wrapped'))).toBe(true);
    expect(isGeneratedAlias(byName('Other'))).toBe(false);
    expect(isGeneratedAlias(byName('Shape'))).toBe(false);
  });

  it('tells a written-out shape from a named model or a word list', () => {
    expect(isHandWrittenShape(byName('Shape'))).toBe(true);
    expect(isHandWrittenShape(byName('Literal'))).toBe(true);
    expect(isHandWrittenShape(byName('Union'))).toBe(true);
    expect(isHandWrittenShape(byName('Good'))).toBe(false);
    expect(isHandWrittenShape(byName('Narrowed'))).toBe(false);
    expect(isHandWrittenShape(byName('Answer'))).toBe(false);
    expect(isHandWrittenShape(byName('Words'))).toBe(false);
  });
});
