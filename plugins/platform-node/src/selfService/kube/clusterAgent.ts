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

import { KubeConfig } from '@kubernetes/client-node';
import { createHash } from 'node:crypto';
import { Agent } from 'undici';

const POOL = { keepAliveTimeout: 4_000, keepAliveMaxTimeout: 10_000 };

/** One agent per distinct TLS setting: a cluster's CA never widens what another cluster trusts. */
const agents = new Map<string, Agent>();

/**
 * The connection pool for a KubeConfig's current cluster, trusting exactly
 * its `caData` (or nothing, with `skipTLSVerify`).
 */
export function clusterAgent(kubeConfig: KubeConfig): Agent {
  const cluster = kubeConfig.getCurrentCluster();
  const ca = cluster?.caData
    ? Buffer.from(cluster.caData, 'base64').toString('utf8')
    : undefined;
  const skipTLSVerify = cluster?.skipTLSVerify ?? false;
  const key = `${skipTLSVerify}:${createHash('sha256')
    .update(ca ?? '')
    .digest('hex')}`;
  let agent = agents.get(key);
  if (!agent) {
    agent = new Agent({
      ...POOL,
      connect: { ...(ca ? { ca } : {}), rejectUnauthorized: !skipTLSVerify },
    });
    agents.set(key, agent);
  }
  return agent;
}
