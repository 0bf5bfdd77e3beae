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

/*
 * Checks Kubernetes manifests against the upstream API schemas, as published
 * in the @kubernetes-models packages (generated from Kubernetes' OpenAPI and
 * the CRDs of Gateway API, cert-manager, Cilium and Argo CD):
 *
 *   node upstreamSchemas.mts < manifests.json   (a JSON array)
 *
 * prints one `{ kind, name, errors }` per manifest. Two checks: the JSON
 * schema (types, enums, required fields, formats), and the TypeScript types
 * generated from the same schemas, which reject fields the schema does not
 * know, so a misspelt optional field fails too. The packages are ES modules
 * only, so this runs under Node itself rather than inside Jest.
 */

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata?: { name?: string };
}

interface Result {
  kind: string;
  name?: string;
  errors: string[];
}

/** The package that models each API group. */
const PACKAGES: Record<string, string> = {
  '': 'kubernetes-models',
  apps: 'kubernetes-models',
  policy: 'kubernetes-models',
  'networking.k8s.io': 'kubernetes-models',
  'rbac.authorization.k8s.io': 'kubernetes-models',
  'gateway.networking.k8s.io': '@kubernetes-models/gateway-api',
  'cert-manager.io': '@kubernetes-models/cert-manager',
  'cilium.io': '@kubernetes-models/cilium',
  'argoproj.io': '@kubernetes-models/argo-cd',
};

function modelModule(m: Manifest): string | undefined {
  const [group, version] = m.apiVersion.includes('/')
    ? m.apiVersion.split('/')
    : ['', m.apiVersion];
  const pkg = PACKAGES[group];
  return pkg && `${pkg}/${group ? `${group}/` : ''}${version}/${m.kind}`;
}

async function schemaErrors(m: Manifest): Promise<string[]> {
  const specifier = modelModule(m);
  if (!specifier) {
    return [`no upstream schema for ${m.apiVersion} ${m.kind}`];
  }
  const Model = (await import(specifier))[m.kind];
  try {
    new Model(m).validate();
    return [];
  } catch (error: any) {
    if (!error?.errors) {
      throw error;
    }
    return error.errors.map(
      (e: { instancePath: string; message: string; params: unknown }) =>
        `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`,
    );
  }
}

/**
 * Each manifest as an object literal typed with its model's interface;
 * TypeScript reports every property that interface does not declare.
 */
function typeErrors(manifests: Manifest[]): Map<number, string[]> {
  const here = dirname(fileURLToPath(import.meta.url));
  const file = join(here, '__manifests__.ts');
  const lines: string[] = [];
  const starts: number[] = [];
  manifests.forEach((m, i) => {
    const specifier = modelModule(m);
    if (!specifier) return;
    lines.push(`import type { I${m.kind} as T${i} } from '${specifier}';`);
  });
  manifests.forEach((m, i) => {
    if (!modelModule(m)) return;
    starts[i] = lines.length;
    lines.push(
      `export const m${i}: T${i} = ${JSON.stringify(m, null, 1)};`.replace(
        /\n/g,
        ' ',
      ),
    );
  });
  const source = lines.join('\n');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (name, language, ...rest) =>
    name === file
      ? ts.createSourceFile(name, source, language)
      : getSourceFile(name, language, ...rest);
  const fileExists = host.fileExists;
  host.fileExists = name => name === file || fileExists(name);
  const program = ts.createProgram([file], options, host);
  const byManifest = new Map<number, string[]>();
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const text = ts.flattenDiagnosticMessageText(d.messageText, ' ');
    const line =
      d.file && d.start !== undefined
        ? d.file.getLineAndCharacterOfPosition(d.start).line
        : -1;
    const index = starts.findIndex(start => start === line);
    const errors = byManifest.get(index) ?? [];
    errors.push(text);
    byManifest.set(index, errors);
  }
  return byManifest;
}

async function main() {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
  }
  const manifests: Manifest[] = JSON.parse(Buffer.concat(chunks).toString());
  const typed = typeErrors(manifests);
  const results: Result[] = [];
  for (const [i, m] of manifests.entries()) {
    results.push({
      kind: m.kind,
      name: m.metadata?.name,
      errors: [...(await schemaErrors(m)), ...(typed.get(i) ?? [])],
    });
  }
  // Diagnostics outside any manifest (e.g. a model that failed to resolve).
  const stray = typed.get(-1);
  if (stray) {
    results.push({ kind: 'TypeScript', errors: stray });
  }
  process.stdout.write(JSON.stringify(results));
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exitCode = 1;
});
