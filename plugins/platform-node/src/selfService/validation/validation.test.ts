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

import { InputError } from '@backstage/errors';
import fc from 'fast-check';
import {
  parseKubernetesVersion,
  requireDnsLabel,
  requireHostnameUnder,
  requireHttpPath,
  requireNamespaceSize,
  requireStorageSize,
  requireUpgradeStep,
} from '.';

const RUNS = 10_000;
const DOMAINS = ['apps.example.internal'];

/** Values no field accepts as-is: wrong types and strings built to slip through. */
const nonStrings = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
);

const TRICKS = [
  '',
  ' ',
  '../etc',
  'a/b',
  'kube-system\n',
  'a\u0000b',
  'ns;rm -rf /',
  '${{ secrets.token }}',
  'UPPER',
  '-leading',
  'trailing-',
  'a..b',
  'a_b',
  'ⓐⓑⓒ',
  'evil.example.com',
  'apps.example.internal.evil.com',
  'x.apps.example.internal.',
  '*.apps.example.internal',
  'x.apps.example.internal:443',
  'http://x.apps.example.internal',
  'x.apps.example.internal/path',
  '10.0.0.1',
  'xapps.example.internal',
  'a'.repeat(64),
  `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(
    50,
  )}.apps.example.internal`,
];

/** Arbitrary strings, unicode, and tricks with random noise around them. */
const hostileStrings = fc.oneof(
  fc.string({ maxLength: 120 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({
    unit: fc.constantFrom(...'aZ09-._/:*@%\n\t \\\u0000é'),
    maxLength: 120,
  }),
  fc.constantFrom(...TRICKS),
  fc
    .tuple(fc.constantFrom(...TRICKS), fc.string({ maxLength: 5 }))
    .map(([t, s]) => t + s),
  fc
    .tuple(fc.string({ maxLength: 5 }), fc.constantFrom(...TRICKS))
    .map(([s, t]) => s + t),
);

const hostile = fc.oneof(hostileStrings, nonStrings);

/**
 * The property: the validator either throws an InputError that names the
 * field, or the value satisfies an independent statement of the rule.
 */
function rejectsUnless(
  validate: (value: unknown) => unknown,
  field: string,
  acceptable: (value: unknown) => boolean,
) {
  fc.assert(
    fc.property(hostile, value => {
      let accepted = true;
      try {
        validate(value);
      } catch (error) {
        accepted = false;
        expect(error).toBeInstanceOf(InputError);
        expect((error as Error).message.startsWith(`${field}`)).toBe(true);
      }
      expect(accepted).toBe(acceptable(value));
    }),
    { numRuns: RUNS },
  );
}

const isLabel = (v: unknown) =>
  typeof v === 'string' &&
  v.length >= 1 &&
  v.length <= 63 &&
  [...v].every(
    c => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c === '-',
  ) &&
  !v.startsWith('-') &&
  !v.endsWith('-');

describe('validation under hostile input', () => {
  it('RFC 1123 labels: rejects everything that is not one', () => {
    rejectsUnless(v => requireDnsLabel('namespace', v), 'namespace', isLabel);
  });

  it('hostnames: only lowercase DNS names strictly below an allowed domain', () => {
    rejectsUnless(
      v => requireHostnameUnder('hostname', v, DOMAINS),
      'hostname',
      v => {
        if (
          typeof v !== 'string' ||
          v.length > 253 ||
          !v.endsWith('.apps.example.internal')
        )
          return false;
        return v.split('.').every(isLabel);
      },
    );
  });

  it('namespace sizes: only S, M and L', () => {
    rejectsUnless(
      v => requireNamespaceSize('size', v),
      'size',
      v => v === 'S' || v === 'M' || v === 'L',
    );
    for (const inherited of [
      'toString',
      'constructor',
      '__proto__',
      'hasOwnProperty',
    ]) {
      expect(() => requireNamespaceSize('size', inherited)).toThrow(
        'size: must be S, M or L',
      );
    }
  });

  it('storage sizes: whole GiB up to the limit', () => {
    rejectsUnless(
      v => requireStorageSize('size', v, 500),
      'size',
      v => {
        if (typeof v !== 'string' || !v.endsWith('Gi')) return false;
        const digits = v.slice(0, -2);
        return /^[1-9][0-9]*$/.test(digits) && Number(digits) <= 500;
      },
    );
  });

  it('HTTP paths: absolute, no traversal, no encoding tricks', () => {
    rejectsUnless(
      v => requireHttpPath('path', v),
      'path',
      v => {
        if (typeof v !== 'string' || !v.startsWith('/') || v.length > 1024)
          return false;
        if (v.includes('//') || v.split('/').some(s => s === '.' || s === '..'))
          return false;
        return [...v].every(c => /[A-Za-z0-9\-._~!$&'()*+,;=:@/]/.test(c));
      },
    );
  });

  it('Kubernetes versions: only v1.<minor>.<patch>', () => {
    rejectsUnless(
      v => parseKubernetesVersion('version', v),
      'version',
      v =>
        typeof v === 'string' &&
        /^v1\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/.test(v),
    );
  });

  it('accepts valid values that the generators build', () => {
    const label = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/);
    fc.assert(
      fc.property(
        label,
        fc
          .array(label, { minLength: 1, maxLength: 3 })
          .map(sub => `${sub.join('.')}.apps.example.internal`)
          .filter(host => host.length <= 253),
        (name, host) => {
          expect(requireDnsLabel('namespace', name)).toBe(name);
          expect(requireHostnameUnder('hostname', host, DOMAINS)).toBe(host);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('upgrades move one minor version at a time, forward only', () => {
    const v = (minor: number, patch: number) => ({ minor, patch });
    expect(() =>
      requireUpgradeStep('version', v(32, 8), v(33, 4)),
    ).not.toThrow();
    expect(() =>
      requireUpgradeStep('version', v(33, 1), v(33, 4)),
    ).not.toThrow();
    expect(() => requireUpgradeStep('version', v(32, 8), v(34, 0))).toThrow(
      'version: v1.34.0 skips minor versions; upgrade from v1.32.8 to v1.33.x first',
    );
    expect(() => requireUpgradeStep('version', v(33, 4), v(33, 4))).toThrow(
      'is not newer',
    );
    expect(() => requireUpgradeStep('version', v(33, 4), v(32, 9))).toThrow(
      'is not newer',
    );
    fc.assert(
      fc.property(
        fc.nat(200),
        fc.nat(50),
        fc.nat(200),
        fc.nat(50),
        (m1, p1, m2, p2) => {
          let allowed = true;
          try {
            requireUpgradeStep('version', v(m1, p1), v(m2, p2));
          } catch {
            allowed = false;
          }
          expect(allowed).toBe(m2 === m1 + 1 || (m2 === m1 && p2 > p1));
        },
      ),
      { numRuns: RUNS },
    );
  });
});
