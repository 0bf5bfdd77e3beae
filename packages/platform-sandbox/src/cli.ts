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

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultFleet } from './scenario/defaultFleet';
import { generateFleet } from './scenario/generateFleet';
import { appConfigYaml, sandboxDescription } from './server/sandboxFiles';
import { startSandbox } from './server/startSandbox';
import { createUpstreamSimulators } from './upstreams';

const USAGE = `Usage: platform-sandbox [--clusters N --seed S] [--port 7100] [--control-port 7101] [--out <dir>]
                        [--openapi-spec-dir <k8s.io/kubernetes module>/api/openapi-spec/v3]

Starts simulated Kubernetes API servers for a fleet of clusters (plus the
simulated ArgoCD, Nexus, Grafana, GitLab, ... APIs) on 127.0.0.1, and writes
kubeconfig, sandbox.json and app-config.sandbox.yaml to <dir> (default:
<repo>/.sandbox). Without --clusters the demo scenario runs. Each cluster's
Kubernetes API is served over HTTPS on a free loopback port with a CA of its
own, as a real cluster's is; the kubeconfig, sandbox.json and the app-config
carry each URL and CA. With --openapi-spec-dir the built-in
kinds' OpenAPI v3 schemas are upstream's (kubectl explain).`;

/** The repository root: the nearest directory up from here with .yarnrc.yml and packages/. */
function repoRoot(): string {
  let dir = process.cwd();
  while (dirname(dir) !== dir) {
    if (existsSync(join(dir, '.yarnrc.yml')) && existsSync(join(dir, 'packages'))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}

function integer(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, got "${value}"`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      clusters: { type: 'string' },
      seed: { type: 'string' },
      port: { type: 'string' },
      'control-port': { type: 'string' },
      out: { type: 'string' },
      'openapi-spec-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const fleet = values.clusters
    ? generateFleet({ clusters: integer(values.clusters, 'clusters', 1), seed: integer(values.seed, 'seed', 1) })
    : defaultFleet();
  const sandbox = await startSandbox({
    fleet,
    port: integer(values.port, 'port', 7100),
    controlPort: integer(values['control-port'], 'control-port', 7101),
    upstreams: createUpstreamSimulators,
    openApiSpecDir: values['openapi-spec-dir'],
  });
  const out = resolve(values.out ?? join(repoRoot(), '.sandbox'));
  mkdirSync(out, { recursive: true });
  // The directory ignores itself: generated tokens never end up in git.
  writeFileSync(join(out, '.gitignore'), '*\n');
  writeFileSync(join(out, 'kubeconfig'), sandbox.kubeconfig('admin'), { mode: 0o600 });
  writeFileSync(join(out, 'sandbox.json'), `${JSON.stringify(sandboxDescription(sandbox), null, 2)}\n`, { mode: 0o600 });
  writeFileSync(join(out, 'app-config.sandbox.yaml'), appConfigYaml(sandbox), { mode: 0o600 });

  process.stdout.write(
    [
      `Platform sandbox: ${fleet.clusters.length} clusters (${fleet.clusters.map(c => c.name).slice(0, 6).join(', ')}${fleet.clusters.length > 6 ? ', ...' : ''})`,
      `  simulated APIs  ${sandbox.url}  (Kubernetes: each cluster over HTTPS with its own CA, e.g. ${fleet.clusters[0].name} at ${sandbox.kubernetesUrl(fleet.clusters[0].name)})`,
      `  control API     ${sandbox.controlUrl}`,
      `  kubeconfig      ${join(out, 'kubeconfig')}   (KUBECONFIG=${join(out, 'kubeconfig')} kubectl --context ${fleet.clusters[0].name} get nodes)`,
      `  sandbox.json    ${join(out, 'sandbox.json')}`,
      `  app-config      ${join(out, 'app-config.sandbox.yaml')}   (yarn start --config app-config.yaml --config ${join(out, 'app-config.sandbox.yaml')})`,
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping the sandbox\n`);
    sandbox.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch(error => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
