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

import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** What the upstream schemas say about one manifest: no errors when it is valid. */
export interface SchemaCheck {
  kind: string;
  name?: string;
  errors: string[];
}

/**
 * Runs upstreamSchemas.mts (the @kubernetes-models packages are ES modules,
 * which this repository's Jest cannot load) on the manifests, under the
 * Node that runs the tests.
 */
export function checkUpstreamSchemas(
  manifests: object[],
  timeoutMs = 120_000,
): Promise<SchemaCheck[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--experimental-strip-types',
        '--disable-warning=ExperimentalWarning',
        join(__dirname, 'upstreamSchemas.mts'),
      ],
      { stdio: ['pipe', 'pipe', 'pipe'], timeout: timeoutMs },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', chunk => (stdout += chunk));
    child.stderr.on('data', chunk => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) {
        resolve(JSON.parse(stdout));
      } else {
        reject(
          new Error(
            `upstreamSchemas.mts exited with ${code ?? signal}: ${stderr}`,
          ),
        );
      }
    });
    child.stdin.end(JSON.stringify(manifests));
  });
}
