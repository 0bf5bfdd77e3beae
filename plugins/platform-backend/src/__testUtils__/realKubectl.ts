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

import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import { defaultCacheDir } from '@platform-portal/platform-sandbox';

export { writeKubeconfig } from '@platform-portal/platform-sandbox';

/*
 * kubectl as scripts/kube-binaries.sh builds it (k8s.io/kubernetes/cmd/kubectl
 * at the pinned release), run against any cluster through a kubeconfig.
 */

/** The kubectl binary from the env the script prints, else from its cache. */
export function findKubectl(): string | undefined {
  const dir = defaultCacheDir();
  const path =
    process.env.PLATFORM_TEST_KUBECTL_BIN || (dir && join(dir, 'kubectl'));
  if (!path) return undefined;
  try {
    accessSync(path, constants.X_OK);
    return path;
  } catch {
    return undefined;
  }
}

/** As realKubeBinariesForSuite: fails under CI when missing, else skips with a note. */
export function kubectlForSuite(suite: string): string | undefined {
  const kubectl = findKubectl();
  if (kubectl) return kubectl;
  const message =
    'kubectl is not built: run scripts/kube-binaries.sh and export the PLATFORM_TEST_KUBECTL_BIN line it prints';
  if (process.env.CI) throw new Error(`${suite}: ${message}`);
  // eslint-disable-next-line no-console
  console.warn(`Skipping "${suite}": ${message}`);
  return undefined;
}

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** One kubectl command; `input` goes to its stdin (for `-f -`). */
export function runKubectl(
  kubectl: string,
  kubeconfig: string,
  args: string[],
  input?: string,
): Promise<KubectlResult> {
  return new Promise(resolveRun => {
    const child = execFile(
      kubectl,
      ['--kubeconfig', kubeconfig, '--request-timeout=20s', ...args],
      {
        timeout: 60_000,
        maxBuffer: 8 << 20,
        // No cache of discovery or OpenAPI between the two clusters.
        env: { PATH: process.env.PATH, HOME: join(kubeconfig, '..') },
      },
      (error, stdout, stderr) => {
        let code = 0;
        if (error) code = typeof error.code === 'number' ? error.code : -1;
        resolveRun({ code, stdout, stderr });
      },
    );
    child.stdin?.end(input ?? '');
  });
}

/**
 * Output with what differs between any two clusters taken out: ages
 * (`40d`, `5m12s`, `(3h ago)`), uids, resourceVersions, and column padding
 * (kubectl pads to the widest cell, which an age changes).
 */
export function normaliseKubectlOutput(text: string): string {
  return text
    .replace(
      /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g,
      '<uid>',
    )
    .replace(/(resourceVersion["=: ]+)"?\d+"?/g, '$1<rv>')
    .replace(/(?<![\w.-])(\d+[smhdy])+(?![\w.-])/g, '<age>')
    .replace(/[ \t]+/g, ' ')
    .replace(/ +$/gm, '');
}
