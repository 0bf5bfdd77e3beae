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

import { KubeConfig, KubernetesObjectApi } from '@kubernetes/client-node';
import { timeout, TimeoutStrategy } from 'cockatiel';

/** A Kubernetes object read as plain data. */
export type KubeObject = {
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
  };
  spec?: any;
  status?: any;
};

/**
 * client-node refuses a plain-HTTP server unless TLS verification is off;
 * with no TLS there is nothing to verify, so say so for `http:` servers.
 */
function allowPlainHttp(kubeConfig: KubeConfig): KubeConfig {
  const copy = new KubeConfig();
  copy.loadFromOptions({
    clusters: kubeConfig.clusters.map(c => ({
      ...c,
      skipTLSVerify: c.skipTLSVerify || c.server.startsWith('http:'),
    })),
    users: kubeConfig.users,
    contexts: kubeConfig.contexts,
    currentContext: kubeConfig.currentContext,
  });
  return copy;
}

/** Lists every object of a kind on one cluster, giving up at the deadline. */
export async function listObjects(
  kubeConfig: KubeConfig,
  apiVersion: string,
  kind: string,
  timeoutMs: number,
): Promise<KubeObject[]> {
  const api = KubernetesObjectApi.makeApiClient(allowPlainHttp(kubeConfig));
  const items: KubeObject[] = [];
  let continueToken: string | undefined;
  const deadline = timeout(timeoutMs, TimeoutStrategy.Aggressive);
  do {
    const pageToken = continueToken;
    const page = await deadline.execute(() =>
      api.list(
        apiVersion,
        kind,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        500,
        pageToken,
      ),
    );
    items.push(...(page.items as unknown as KubeObject[]));
    const meta = page.metadata as { _continue?: string; continue?: string };
    continueToken = meta?._continue || meta?.continue || undefined;
  } while (continueToken);
  return items;
}
