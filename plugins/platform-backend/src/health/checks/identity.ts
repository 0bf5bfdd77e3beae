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

import { PlatformHealthCheck } from '@platform-portal/plugin-platform-node';
import { KINDS } from './kinds';
import { crashLoopingPods } from './networking';
import {
  evidence,
  KubeObject,
  outcome,
  refOf,
  workloadsReady,
} from './support';

/** Label a platform admin sets on a cluster-admin binding that is intended. */
export const ALLOWED_BINDING_LABEL = 'platform-portal.io/allowed';

const dexReady: PlatformHealthCheck = {
  id: 'identity.dex',
  layer: 'identity',
  title: 'Dex is ready',
  buildOutStep: 32,
  async run({ kubernetes }) {
    const [deployments, pods] = await Promise.all([
      kubernetes.list<KubeObject>(...KINDS.deployment),
      kubernetes.list<KubeObject>(...KINDS.pod),
    ]);
    const result = workloadsReady(
      [{ kind: 'Deployment', namespace: 'dex', name: 'dex' }],
      deployments.items,
      deployments.observedAt,
    );
    if (result.verdict !== 'ok') {
      result.evidence.push(
        ...crashLoopingPods(pods.items, 'dex', 'dex-', pods.observedAt),
      );
    }
    return result;
  },
};

/**
 * cluster-admin only for `system:masters` and bindings marked as intended:
 * anything else is someone with full control nobody signed off.
 */
const clusterAdminBindings: PlatformHealthCheck = {
  id: 'identity.cluster-admin-bindings',
  layer: 'identity',
  title: 'No unexpected cluster-admin bindings',
  buildOutStep: 36,
  async run({ kubernetes }) {
    const bindings = await kubernetes.list<KubeObject>(
      ...KINDS.clusterRoleBinding,
    );
    const unexpected = bindings.items.filter(b => {
      if ((b as any).roleRef?.name !== 'cluster-admin') return false;
      if (b.metadata?.labels?.[ALLOWED_BINDING_LABEL] === 'true') return false;
      const subjects: any[] = (b as any).subjects ?? [];
      return subjects.some(
        s => !(s.kind === 'Group' && s.name === 'system:masters'),
      );
    });
    if (unexpected.length > 0) {
      return outcome(
        'warning',
        `Unexpected cluster-admin binding(s): ${unexpected
          .map(b => b.metadata?.name)
          .join(', ')}`,
        unexpected.map(b =>
          evidence(
            refOf(b, 'ClusterRoleBinding'),
            'subjects',
            ((b as any).subjects ?? [])
              .map((s: any) => `${s.kind}:${s.name}`)
              .join(', '),
            bindings.observedAt,
          ),
        ),
      );
    }
    return outcome('ok', 'cluster-admin is bound to system:masters only');
  },
};

/**
 * The API server trusts Dex: its static pods carry `--oidc-issuer-url`.
 * Without it people cannot log in to the cluster with their directory account.
 */
const apiServerOidc: PlatformHealthCheck = {
  id: 'identity.apiserver-oidc',
  layer: 'identity',
  title: 'The API server is configured for OIDC',
  buildOutStep: 34,
  async run({ kubernetes }) {
    const pods = await kubernetes.list<KubeObject>(...KINDS.pod);
    const apiServers = pods.items.filter(
      p =>
        p.metadata?.namespace === 'kube-system' &&
        p.metadata?.labels?.component === 'kube-apiserver',
    );
    if (apiServers.length === 0) {
      return outcome(
        'unknown',
        'No kube-apiserver static pod is visible in kube-system, so its flags cannot be read',
      );
    }
    const issuerOf = (pod: KubeObject) =>
      ((pod.spec?.containers ?? []) as any[])
        .flatMap(c => [...(c.command ?? []), ...(c.args ?? [])] as string[])
        .find(flag => flag.startsWith('--oidc-issuer-url='))
        ?.slice('--oidc-issuer-url='.length);
    const facts = apiServers.map(pod =>
      evidence(
        refOf(pod, 'Pod'),
        '--oidc-issuer-url',
        issuerOf(pod) ?? 'not set',
        pods.observedAt,
      ),
    );
    const missing = apiServers.filter(pod => !issuerOf(pod));
    if (missing.length > 0) {
      return outcome(
        'warning',
        `${missing.length} of ${apiServers.length} API server(s) without --oidc-issuer-url`,
        facts,
      );
    }
    return outcome('ok', `API servers trust ${issuerOf(apiServers[0])}`, facts);
  },
};

export const identityChecks: PlatformHealthCheck[] = [
  dexReady,
  clusterAdminBindings,
  apiServerOidc,
];
