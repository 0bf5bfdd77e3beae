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
  HealthEvidence,
  HealthVerdict,
} from '@platform-portal/plugin-platform-common';
import { PlatformHealthCheck } from '@platform-portal/plugin-platform-node';
import { KINDS } from './kinds';
import {
  evidence,
  KubeObject,
  outcome,
  refOf,
  workloadsReady,
} from './support';

const argocdReady: PlatformHealthCheck = {
  id: 'gitops.argocd',
  layer: 'gitops',
  title: 'ArgoCD is ready',
  runbook: 'argocd-sync-failure',
  buildOutStep: 37,
  async run({ kubernetes }) {
    const [deployments, statefulSets] = await Promise.all([
      kubernetes.list<KubeObject>(...KINDS.deployment),
      kubernetes.list<KubeObject>(...KINDS.statefulSet),
    ]);
    return workloadsReady(
      [
        { kind: 'Deployment', namespace: 'argocd', name: 'argocd-server' },
        { kind: 'Deployment', namespace: 'argocd', name: 'argocd-repo-server' },
        {
          kind: 'StatefulSet',
          namespace: 'argocd',
          name: 'argocd-application-controller',
        },
      ],
      [...deployments.items, ...statefulSets.items],
      deployments.observedAt,
    );
  },
};

/**
 * Applications Synced and Healthy: OutOfSync is a warning, Degraded or
 * Missing and failed sync operations are critical.
 */
const applications: PlatformHealthCheck = {
  id: 'gitops.applications',
  layer: 'gitops',
  title: 'Applications are Synced and Healthy',
  runbook: 'argocd-sync-failure',
  buildOutStep: 39,
  async run({ kubernetes }) {
    const apps = await kubernetes.list<KubeObject>(...KINDS.application);
    const facts: HealthEvidence[] = [];
    let verdict: HealthVerdict = 'ok';
    const raise = (to: HealthVerdict) => {
      if (to === 'critical' || verdict === 'ok') verdict = to;
    };
    for (const app of apps.items) {
      const ref = refOf(app, 'Application');
      const sync = app.status?.sync?.status;
      const health = app.status?.health?.status;
      const phase = app.status?.operationState?.phase;
      if (health === 'Degraded' || health === 'Missing') {
        raise('critical');
        facts.push(
          evidence(ref, 'status.health.status', health, apps.observedAt),
        );
      }
      if (phase === 'Failed' || phase === 'Error') {
        raise('critical');
        facts.push(
          evidence(
            ref,
            'status.operationState.phase',
            `${phase}: ${app.status?.operationState?.message ?? ''}`,
            apps.observedAt,
          ),
        );
      }
      if (sync === 'OutOfSync') {
        raise('warning');
        facts.push(evidence(ref, 'status.sync.status', sync, apps.observedAt));
      }
    }
    return outcome(
      verdict,
      facts.length
        ? `${facts.length} application problem(s): ${facts
            .map(f => `${f.object} ${f.value}`)
            .join('; ')}`
        : `${apps.items.length} applications Synced and Healthy`,
      facts,
    );
  },
};

export const gitopsChecks: PlatformHealthCheck[] = [argocdReady, applications];
