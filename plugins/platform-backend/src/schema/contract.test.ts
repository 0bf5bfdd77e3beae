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

import { LAYERS } from '@platform-portal/plugin-platform-common';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { spec } from './openapi';

const packageDir = path.resolve(__dirname, '../..');
const read = (file: string) =>
  fs.readFileSync(path.join(packageDir, file), 'utf8');

/** The spec's operations, as `METHOD /path/{param}`. */
function specOperations(): string[] {
  return Object.entries(spec.paths).flatMap(([route, operations]) =>
    Object.keys(operations).map(method => `${method.toUpperCase()} ${route}`),
  );
}

/**
 * The first cell of every row of the README's route tables (those whose
 * header starts with `Route`), as `METHOD /path/{param}`: the query string
 * and a body sketch after the path are left out.
 */
function readmeOperations(markdown: string): string[] {
  const operations: string[] = [];
  let inRouteTable = false;
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) {
      inRouteTable = false;
      continue;
    }
    const firstCell = line.split('|')[1].trim();
    if (firstCell === 'Route') {
      inRouteTable = true;
      continue;
    }
    const route = /^`(GET|POST|PUT|PATCH|DELETE) ([^`?\s]+)/.exec(firstCell);
    if (inRouteTable && route) {
      operations.push(
        `${route[1]} ${route[2].replace(/:(\w+)/g, (_, name) => `{${name}}`)}`,
      );
    }
  }
  return operations;
}

describe('the platform API contract', () => {
  it('the generated router serves exactly src/schema/openapi.yaml', () => {
    // Same check as `backstage-repo-tools repo schema openapi validate`:
    // a spec edited without `package schema openapi generate` fails here.
    expect(spec).toEqual(YAML.parse(read('src/schema/openapi.yaml')));
  });

  it("the README's route tables list every operation of the spec, and no other", () => {
    const documented = readmeOperations(read('README.md'));
    expect([...documented].sort()).toEqual(specOperations().sort());
    expect(new Set(documented).size).toBe(documented.length);
  });

  it('the LayerId schema names the layers platform-common defines, in order', () => {
    expect(spec.components.schemas.LayerId.enum).toEqual(
      LAYERS.map(layer => layer.id),
    );
  });

  it('every operation answers its errors in the Backstage error envelope', () => {
    for (const operations of Object.values(spec.paths)) {
      for (const operation of Object.values(operations)) {
        expect(operation.responses.default).toEqual({
          $ref: '#/components/responses/ErrorResponse',
        });
      }
    }
  });
});

describe('readmeOperations', () => {
  it('reads route tables only, with path parameters and without query or body', () => {
    const markdown = [
      '| Route | Answer |',
      '| --- | --- |',
      '| `GET /health/:cluster/history?limit=` | changes |',
      '| `POST /readiness/:cluster/steps/:step/attestations` `{"note"?: string}` | 201 |',
      '',
      '| Layer | Checks |',
      '| --- | --- |',
      '| `GET /not/a/route` | in another table |',
    ].join('\n');
    expect(readmeOperations(markdown)).toEqual([
      'GET /health/{cluster}/history',
      'POST /readiness/{cluster}/steps/{step}/attestations',
    ]);
  });
});
