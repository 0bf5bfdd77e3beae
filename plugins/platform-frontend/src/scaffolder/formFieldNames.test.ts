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

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { formFieldNamesOf, formFieldOf, inFormTerms } from './formFieldNames';

/** A template of the repo, as the catalog serves it. */
function templateSpec(dir: string): unknown {
  return parse(
    readFileSync(
      resolve(__dirname, '../../../../templates', dir, 'template.yaml'),
      'utf8',
    ),
  ).spec;
}

describe('form field names of the route template', () => {
  const names = formFieldNamesOf(templateSpec('route-certificate'));

  it('traces action inputs back to the form parameters their expressions read', () => {
    expect(formFieldOf('rules[0].backends[0].port', names)).toBe('port');
    expect(formFieldOf('rules[0].backends[0].service', names)).toBe('service');
    expect(formFieldOf('rules[0].path', names)).toBe('path');
    expect(formFieldOf('team', names)).toBe('owner');
    // A whole list, when all of it comes from one field.
    expect(formFieldOf('hostnames', names)).toBe('hostname');
    expect(formFieldOf('dnsNames[0]', names)).toBe('hostname');
    // From several fields, or from another step's output: no one field.
    expect(formFieldOf('rules[0].backends[0]', names)).toBeUndefined();
    expect(formFieldOf('routeName', names)).toBeUndefined();
    expect(formFieldOf('nonsense', names)).toBeUndefined();
  });

  it('rewords a validation message to name the field by its title in the form', () => {
    expect(
      inFormTerms(
        'rules[0].backends[0].port: must be an integer between 1 and 65535',
        names,
      ),
    ).toBe('Service port: must be an integer between 1 and 65535');
    expect(
      inFormTerms('rules[0].path: "api" is not an absolute URL path', names),
    ).toBe('Path prefix: "api" is not an absolute URL path');
    expect(
      inFormTerms(
        'input.hostnames: shop.example.com is not under an allowed domain',
        names,
      ),
    ).toBe('Hostname: shop.example.com is not under an allowed domain');
  });

  it('leaves a message alone that names no single form field', () => {
    for (const message of [
      'rules[0].backends[0]: must be an object',
      'routeName: no route checkout',
      'the API server refused: conflict',
      'nonsense: problem',
    ]) {
      expect(inFormTerms(message, names)).toBe(message);
    }
  });
});

describe('form field names of other templates', () => {
  it.each(['volume', 'namespace'])(
    'names every input of the %s template that reads one parameter by a title its form has',
    dir => {
      const names = formFieldNamesOf(templateSpec(dir));
      expect(names.inputs.size).toBeGreaterThan(0);
      for (const [input, parameters] of names.inputs) {
        if (parameters.size !== 1) continue;
        const [parameter] = parameters;
        expect(inFormTerms(`${input}: bad`, names)).toBe(
          `${names.titles.get(parameter) ?? parameter}: bad`,
        );
        expect(names.titles.has(parameter)).toBe(true);
      }
    },
  );

  it('knows no field of something that is not a template spec', () => {
    const names = formFieldNamesOf(undefined);
    expect(inFormTerms('port: bad', names)).toBe('port: bad');
  });
});
