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
import { RealClusterSpec, startRealClusters } from './launcher';
import { TEST_CLUSTERS } from './testClusters';

/*
 * `real-clusters --state FILE --profile test`: starts real control planes,
 * writes FILE once they answer, and stops them on SIGTERM or SIGINT.
 */

async function main() {
  // Each process it starts adds an exit listener that kills it.
  process.setMaxListeners(100);
  const { values } = parseArgs({
    options: {
      state: { type: 'string' },
      profile: { type: 'string', default: 'test' },
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
  let specs: RealClusterSpec[];
  if (values.profile === 'test') {
    specs = Object.values(TEST_CLUSTERS);
  } else {
    throw new Error(`--profile: unknown profile ${values.profile}`);
  }
  const dir = dirname(stateFile);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const startedAt = Date.now();
  const running = await startRealClusters(specs, {
    dir,
    stateFile,
    binaries,
    controllerBinaries: findRealKubeControllerBinaries(),
  });
  process.stdout.write(
    `${specs.length} real clusters answer after ${(
      (Date.now() - startedAt) /
      1000
    ).toFixed(1)} s: ${Object.entries(running.state.clusters)
      .map(([name, entry]) => `${name} ${entry.url}`)
      .join(', ')}\n`,
  );
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await running.stop();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('SIGHUP', stop);
}

main().catch(error => {
  process.stderr.write(`${error instanceof Error ? error.message : error}\n`);
  process.exit(1);
});
