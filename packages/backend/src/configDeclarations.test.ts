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

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(__dirname, '../../..');

/** Every config.d.ts of the portal's own packages, relative to the root. */
function configSchemaFiles(): string[] {
  return ['plugins', 'packages'].flatMap(dir =>
    readdirSync(join(ROOT, dir), { withFileTypes: true })
      .filter(p => p.isDirectory())
      .map(p => join(dir, p.name, 'config.d.ts'))
      .filter(file => existsSync(join(ROOT, file))),
  );
}

/** The type a property's type holds its own properties in, if any. */
function nestedType(type: ts.TypeNode): ts.TypeNode[] {
  if (ts.isParenthesizedTypeNode(type)) return nestedType(type.type);
  if (ts.isTypeLiteralNode(type)) return [type];
  if (ts.isArrayTypeNode(type)) return nestedType(type.elementType);
  if (ts.isUnionTypeNode(type)) return type.types.flatMap(nestedType);
  if (ts.isTypeReferenceNode(type) && type.typeArguments?.length) {
    // Array<{…}> and Record<string, {…}>: the element or value type.
    return nestedType(type.typeArguments[type.typeArguments.length - 1]);
  }
  return [];
}

/**
 * The keys a schema declares with a value of their own (the leaves), as
 * dotted paths; an array element or a map key adds no segment.
 */
function declaredKeys(type: ts.TypeNode, path: string[] = []): string[] {
  return nestedType(type).flatMap(literal =>
    (literal as ts.TypeLiteralNode).members.flatMap(member => {
      if (!ts.isPropertySignature(member) || !member.type) return [];
      const key = [...path, member.name.getText()];
      const children = declaredKeys(member.type, key);
      return children.length > 0 ? children : [key.join('.')];
    }),
  );
}

function keysOf(file: string): string[] {
  const source = ts.createSourceFile(
    file,
    readFileSync(join(ROOT, file), 'utf8'),
    ts.ScriptTarget.Latest,
    true,
  );
  const config = source.statements.find(
    (s): s is ts.InterfaceDeclaration =>
      ts.isInterfaceDeclaration(s) && s.name.text === 'Config',
  );
  if (!config) return [];
  return declaredKeys(ts.factory.createTypeLiteralNode(config.members));
}

describe('config.d.ts of the portal packages', () => {
  it('declares each configuration key in one package only', () => {
    const declarations = configSchemaFiles().flatMap(file =>
      keysOf(file).map(key => ({ key, file })),
    );
    // The walk reaches nested, array and optional keys.
    expect(declarations.map(d => d.key)).toEqual(
      expect.arrayContaining([
        'platform.selfService.allowedDomains',
        'platform.selfService.gateway.sectionName',
        'platform.clusters.kubernetes.writeToken',
      ]),
    );
    // A key declared twice, or a key in one file that another declares inside.
    const clashes = declarations.flatMap(a =>
      declarations
        .filter(
          b =>
            b.file !== a.file &&
            ((b.key === a.key && b.file > a.file) ||
              b.key.startsWith(`${a.key}.`)),
        )
        .map(b => `${b.key}: ${a.file} and ${b.file}`),
    );
    expect([...new Set(clashes)]).toEqual([]);
  });
});
