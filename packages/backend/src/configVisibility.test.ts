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

import { loadConfigSchema } from '@backstage/config-loader';
import { JsonObject } from '@backstage/config';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

const ROOT = resolve(__dirname, '../../..');

/** Config keys that hold a credential. */
const SECRET_KEY = /(token|password|secret|apikey|privatekey)$/i;
/**
 * Credential keys meant for the browser: Datadog RUM's client token is a
 * public token its browser SDK sends (the portal configures none).
 */
const BROWSER_TOKENS = ['app.datadogRum.clientToken'];
/** Environment variables of the production config that carry one. */
const SECRET_VARIABLE = /(PASSWORD|SECRET|TOKEN|KEY)$|^REDIS_URL$/;

jest.setTimeout(60_000);

interface SchemaProperty {
  /** The config path, `*` standing for any array element or map key. */
  path: string;
  visibility?: string;
  type?: unknown;
}

/** Every property a JSON schema declares, with its path and visibility. */
function propertiesOf(schema: any, path: string[] = []): SchemaProperty[] {
  if (!schema || typeof schema !== 'object') {
    return [];
  }
  const nested = [
    ...Object.entries(schema.properties ?? {}).flatMap(([key, value]) => [
      {
        path: [...path, key].join('.'),
        visibility: (value as any)?.visibility,
        type: (value as any)?.type,
      },
      ...propertiesOf(value, [...path, key]),
    ]),
    ...propertiesOf(schema.items, [...path, '*']),
    ...propertiesOf(schema.additionalProperties, [...path, '*']),
    ...['anyOf', 'oneOf', 'allOf'].flatMap(k =>
      (schema[k] ?? []).flatMap((s: unknown) => propertiesOf(s, path)),
    ),
  ];
  return nested;
}

/** A config with `value` at a schema path, one element for each `*`. */
function configAt(path: string, value: string): JsonObject {
  const keys = path.split('.');
  let node: any = value;
  for (const key of keys.reverse()) {
    node = key === '*' ? [node] : { [key]: node };
  }
  return node;
}

/** The repository's app-config files, `${VAR}` replaced by a canary per variable. */
function appConfigs(canaries: Map<string, string>) {
  return readdirSync(ROOT)
    .filter(f => /^app-config.*\.yaml$/.test(f))
    .map(file => ({
      context: file,
      data: parse(
        readFileSync(join(ROOT, file), 'utf8').replace(
          /\$\{(\w+)\}/g,
          (_m, name: string) => {
            if (!canaries.has(name)) {
              const hex = randomBytes(8).toString('hex');
              canaries.set(
                name,
                name.endsWith('_URL') && !SECRET_VARIABLE.test(name)
                  ? `https://canary-${hex}.example`
                  : `canary-${name.toLowerCase()}-${hex}`,
              );
            }
            return canaries.get(name)!;
          },
        ),
      ) as JsonObject,
    }));
}

describe('configuration the frontend receives', () => {
  let schema: Awaited<ReturnType<typeof loadConfigSchema>>;
  let secretProperties: SchemaProperty[];

  beforeAll(async () => {
    // The backend's dependencies include the app, so this is every schema the portal loads.
    schema = await loadConfigSchema({
      dependencies: [require('../package.json').name],
    });
    const serialized = schema.serialize() as {
      schemas: Array<{ path: string; value: unknown }>;
    };
    secretProperties = serialized.schemas
      .flatMap(s =>
        propertiesOf(s.value).map(p => ({
          ...p,
          path: `${p.path} (${s.path})`,
        })),
      )
      .filter(p => SECRET_KEY.test(p.path.split(' ')[0].split('.').pop()!))
      .filter(p => p.type === undefined || p.type === 'string')
      .filter(p => !BROWSER_TOKENS.includes(p.path.split(' ')[0]));
  });

  it("declares every credential key of the portal's own packages as @visibility secret", () => {
    const ours = secretProperties.filter(p => !/node_modules/.test(p.path));
    expect(ours.length).toBeGreaterThan(5);
    expect(
      ours.filter(p => p.visibility !== 'secret').map(p => p.path),
    ).toEqual([]);
  });

  it('exposes no credential key of any package to the frontend', () => {
    expect(secretProperties.length).toBeGreaterThan(20);
    expect(
      secretProperties
        .filter(p => p.visibility === 'frontend')
        .map(p => p.path),
    ).toEqual([]);
  });

  it('sends the frontend none of the credentials, from any schema or app-config file', () => {
    const canaries = new Map<string, string>();
    const configs = appConfigs(canaries);
    // A canary at every credential key a schema declares.
    const declared = secretProperties.map((p, i) => {
      const value = `canary-declared-${i}-${randomBytes(8).toString('hex')}`;
      return { path: p.path, value };
    });
    for (const { path, value } of declared) {
      configs.push({
        context: path,
        data: configAt(path.split(' ')[0], value),
      });
    }
    const frontend = JSON.stringify(
      schema.process(configs, {
        visibility: ['frontend'],
        ignoreSchemaErrors: true,
      }),
    );
    // What the frontend must see does reach it: the filter let something through.
    expect(frontend).toContain(canaries.get('PORTAL_BASE_URL'));
    const leaked = [
      ...[...canaries]
        .filter(([name]) => SECRET_VARIABLE.test(name))
        .filter(([, value]) => frontend.includes(value))
        .map(([name]) => `\${${name}}`),
      ...declared.filter(d => frontend.includes(d.value)).map(d => d.path),
    ];
    expect(leaked).toEqual([]);
  });

  // make test builds the frontend before jest runs; elsewhere a missing build
  // is reported, never passed over.
  const dist = join(ROOT, 'packages/app/dist');
  const describeBundle =
    existsSync(dist) || process.env.CI ? describe : describe.skip;
  describeBundle('the production bundle', () => {
    it('leaves no credential in the production bundle', () => {
      if (!existsSync(dist)) {
        throw new Error(
          'packages/app/dist does not exist: build it first (yarn workspace backend build, which make test runs before jest)',
        );
      }
      const files: string[] = [];
      const walk = (dir: string) => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
          const path = join(dir, entry.name);
          if (entry.isDirectory()) walk(path);
          else if (/\.(js|html|json)$/.test(entry.name)) files.push(path);
        }
      };
      walk(dist);
      // Shapes of real credentials: GitLab, Grafana and Kubernetes service-account tokens, private keys.
      const credential =
        /glpat-[\w-]{20}|glsa_\w{32}|eyJhbGciOi[\w-]+\.eyJ[\w-]+\.[\w-]+|-----BEGIN [A-Z ]*PRIVATE KEY-----/;
      expect(files.length).toBeGreaterThan(0);
      const found = files.filter(f => credential.test(readFileSync(f, 'utf8')));
      expect(found).toEqual([]);
    });
  });
});
