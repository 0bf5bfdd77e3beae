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

import {
  RealKubeApiServer,
  realKubeBinariesForSuite,
  realStackBinariesForSuite,
  realStackKubeForSuite,
  StackController,
} from '@platform-portal/platform-sandbox';
import { KubernetesClient } from '../clients/kubernetes/KubernetesClient';
import { UpstreamPolicies } from '../clients/resilience/UpstreamPolicies';

/**
 * The binaries a suite on the real `stack` cluster needs, or undefined
 * (skipped with a note; under CI the suite fails instead).
 */
export function stackSuiteReady(
  suite: string,
  needed: StackController[],
): boolean {
  const kube = realKubeBinariesForSuite(suite);
  return Boolean(kube && realStackBinariesForSuite(suite, needed));
}

export async function realStackCluster(
  suite: string,
  needed: StackController[],
): Promise<RealKubeApiServer> {
  return realStackKubeForSuite(
    realKubeBinariesForSuite(suite)!,
    realStackBinariesForSuite(suite, needed)!,
    needed,
  );
}

/** The product's own Kubernetes reader, as the portal's read-only account. */
export function portalReader(kube: RealKubeApiServer): KubernetesClient {
  return new KubernetesClient(
    {
      name: 'stack',
      kubernetes: {
        url: kube.url,
        caData: kube.caData,
        token: kube.readerToken,
      },
    },
    new UpstreamPolicies({ maxRetries: 0, timeoutMs: 10_000 }),
    'platform.clusters[0]',
  );
}

/** Polls `read` until `done` holds for what it returns; fails naming `what`. */
export async function eventually<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 60_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < until) {
    last = await read();
    if (done(last)) return last;
    await new Promise(r => setTimeout(r, 250));
  }
  throw new Error(
    `Timed out waiting for ${what}; last seen: ${JSON.stringify(last)}`,
  );
}
