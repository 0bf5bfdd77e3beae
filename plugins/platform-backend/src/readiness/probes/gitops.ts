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

import { KINDS } from '../../health/checks/kinds';
import {
  evidence,
  KubeObject,
  outcome,
  refOf,
  toTime,
} from '../../health/checks/support';
import { BuildOutProbe, PROBE_KINDS } from './BuildOutProbe';

function synced(app: KubeObject): boolean {
  return app.status?.sync?.status === 'Synced';
}

function healthy(app: KubeObject): boolean {
  return app.status?.health?.status === 'Healthy';
}

/** Step 38: Argo CD syncs from a GitLab repository. */
const gitlabSource: BuildOutProbe = {
  id: 'build-out.argocd-gitlab-source',
  step: 38,
  title: 'Argo CD syncs Applications from GitLab',
  async run({ kubernetes }) {
    const { items, observedAt } = await kubernetes.list<KubeObject>(
      ...KINDS.application,
    );
    const fromGitLab = items.filter(a =>
      /gitlab/i.test(
        String(a.spec?.source?.repoURL ?? a.spec?.sources?.[0]?.repoURL ?? ''),
      ),
    );
    const syncedFromGitLab = fromGitLab.filter(synced);
    const facts = [
      evidence(
        'Application/*',
        'spec.source.repoURL',
        [
          ...new Set(items.map(a => a.spec?.source?.repoURL).filter(Boolean)),
        ].join(', ') || 'none',
        observedAt,
      ),
      evidence(
        'Application/*',
        'Synced from GitLab',
        `${syncedFromGitLab.length}/${fromGitLab.length}`,
        observedAt,
      ),
    ];
    if (fromGitLab.length === 0) {
      return outcome(
        'critical',
        'No Application takes its manifests from GitLab',
        facts,
      );
    }
    return syncedFromGitLab.length
      ? outcome(
          'ok',
          `${syncedFromGitLab.length} Application(s) synced from GitLab`,
          facts,
        )
      : outcome('critical', 'No Application from GitLab is Synced', facts);
  },
};

/** Step 40: ApplicationSets generate the per-environment Applications. */
const applicationSets: BuildOutProbe = {
  id: 'build-out.applicationsets',
  step: 40,
  title: 'ApplicationSets generate Applications',
  async run({ kubernetes }) {
    const { items, observedAt } = await kubernetes.list<KubeObject>(
      ...PROBE_KINDS.applicationSet,
    );
    const facts = items.map(set =>
      evidence(
        refOf(set, 'ApplicationSet'),
        'status.resources',
        (set.status?.resources ?? []).length,
        observedAt,
      ),
    );
    if (items.length === 0) {
      return outcome(
        'critical',
        'No ApplicationSet: environments are not deployed from one template',
        [evidence('ApplicationSet/*', 'items', '0', observedAt)],
      );
    }
    const failing = items.filter(set =>
      (set.status?.conditions ?? []).some(
        (c: { type: string; status: string }) =>
          c.type === 'ErrorOccurred' && c.status === 'True',
      ),
    );
    return failing.length
      ? outcome(
          'critical',
          `ApplicationSet(s) in error: ${failing
            .map(s => refOf(s, 'ApplicationSet'))
            .join(', ')}`,
          facts,
        )
      : outcome('ok', `${items.length} ApplicationSet(s)`, facts);
  },
};

/** Step 50: an application image went all the way: built, synced, healthy. */
const endToEnd: BuildOutProbe = {
  id: 'build-out.end-to-end-delivery',
  step: 50,
  title: 'A delivery went from Git to a healthy Application',
  async run({ kubernetes, now }) {
    const { items, observedAt } = await kubernetes.list<KubeObject>(
      ...KINDS.application,
    );
    const delivered = items.filter(
      a =>
        (a.status?.summary?.images ?? []).length > 0 &&
        a.status?.operationState?.phase === 'Succeeded' &&
        synced(a) &&
        healthy(a),
    );
    const finishedAt = (a: KubeObject) =>
      toTime(a.status?.operationState?.finishedAt) ?? 0;
    // Newest first; on a tie an application's own delivery before a platform add-on's.
    const latest = [...delivered].sort(
      (a, b) =>
        finishedAt(b) - finishedAt(a) ||
        Number(a.spec?.project === 'platform') -
          Number(b.spec?.project === 'platform'),
    )[0];
    if (!latest) {
      const apps = items.filter(
        a => (a.status?.summary?.images ?? []).length > 0,
      );
      return outcome(
        'critical',
        apps.length
          ? 'No application is Synced and Healthy after a successful sync'
          : 'No Application deploys an application image',
        apps.map(a =>
          evidence(
            refOf(a, 'Application'),
            'sync/health/operation',
            `${a.status?.sync?.status}/${a.status?.health?.status}/${
              a.status?.operationState?.phase ?? 'none'
            }`,
            observedAt,
          ),
        ),
      );
    }
    const facts = [
      evidence(
        refOf(latest, 'Application'),
        'status.summary.images',
        latest.status.summary.images.join(', '),
        observedAt,
      ),
      evidence(
        refOf(latest, 'Application'),
        'status.operationState.finishedAt',
        latest.status.operationState.finishedAt ?? 'unknown',
        observedAt,
      ),
    ];
    // The step is done once the flow worked; how long ago is shown, not judged.
    const ageDays = Math.floor(
      (now.getTime() - finishedAt(latest)) / 86_400_000,
    );
    return outcome(
      'ok',
      `${refOf(latest, 'Application')} delivered ${
        latest.status.summary.images[0]
      } ${ageDays} day(s) ago`,
      facts,
    );
  },
};

export const gitopsProbes: BuildOutProbe[] = [
  gitlabSource,
  applicationSets,
  endToEnd,
];
