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

import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findRealKubeBinaries } from './kubeBinaries';
import { findRealKubeControllerBinaries } from './controllers';
import { startDemoClusters } from './demoClusters';
import { RunningRealClusters, startRealClusters } from './launcher';
import { TEST_CLUSTERS } from './testClusters';
import { findRealStackBinaries } from './stackBinaries';

/*
 * `real-clusters --state FILE --profile test|demo`: starts real control
 * planes, writes FILE once they answer, and stops them on SIGTERM or SIGINT.
 * The demo profile (`--count N --sandbox-description sandbox.json
 * --sandbox-app-config app-config.sandbox.yaml --app-config-out FILE`) gives
 * the running sandbox's first N clusters real control planes.
 */

let ready: RunningRealClusters | undefined;

async function main() {
  // Each process it starts adds an exit listener that kills it.
  process.setMaxListeners(100);
  const { values } = parseArgs({
    options: {
      state: { type: 'string' },
      profile: { type: 'string', default: 'test' },
      count: { type: 'string', default: '3' },
      'sandbox-description': { type: 'string' },
      'sandbox-app-config': { type: 'string' },
      'app-config-out': { type: 'string' },
    },
  });
  if (!values.state) throw new Error('--state FILE is required');
  const stateFile = resolve(values.state);
  const binaries = findRealKubeBinaries();
  if (!binaries) {
    throw new Error(
      'kube-apiserver and etcd are not built: run scripts/kube-binaries.sh',
    );
  }
  const dir = dirname(stateFile);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const startedAt = Date.now();
  const controllerBinaries = findRealKubeControllerBinaries();
  const log = (message: string) => process.stdout.write(`${message}\n`);
  let running: RunningRealClusters;
  if (values.profile === 'test') {
    running = await startRealClusters(Object.values(TEST_CLUSTERS), {
      dir,
      stateFile,
      binaries,
      controllerBinaries,
      stackBinaries: findRealStackBinaries(),
    });
  } else if (values.profile === 'demo') {
    const required = (name: string, value: string | undefined) => {
      if (!value) throw new Error(`--profile demo needs --${name}`);
      return resolve(value);
    };
    running = await startDemoClusters({
      count: Number(values.count),
      sandboxDescription: required(
        'sandbox-description',
        values['sandbox-description'],
      ),
      sandboxAppConfig: required(
        'sandbox-app-config',
        values['sandbox-app-config'],
      ),
      appConfigOut: required('app-config-out', values['app-config-out']),
      dir,
      stateFile,
      binaries,
      controllerBinaries,
      log,
    });
  } else {
    throw new Error(`--profile: unknown profile ${values.profile}`);
  }
  const specs = Object.keys(running.state.clusters);
  process.stdout.write(
    `${specs.length} real clusters answer after ${(
      (Date.now() - startedAt) /
      1000
    ).toFixed(1)} s: ${Object.entries(running.state.clusters)
      .map(([name, entry]) => `${name} ${entry.url}`)
      .join(', ')}\n`,
  );
  ready = running;
}

let stopping = false;
/**
 * Stops the clusters in order; before they are all up, exiting is enough:
 * every process started adds an exit listener that kills it.
 */
async function stop() {
  if (stopping) return;
  stopping = true;
  await ready?.stop();
  process.exit(ready ? 0 : 1);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('SIGHUP', stop);

main().catch(error => {
  process.stderr.write(`${error instanceof Error ? error.message : error}\n`);
  process.exit(1);
});
