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
  ArgocdApplication,
  DeliveryPath,
  DeliveryStage,
  DeliveryStageStatus,
} from '@platform-portal/plugin-platform-common';
import { parseImage } from '../routes/entity/clusterWorkloads';
import { CommitFacts, DeliveryFacts, RouteFacts } from './deliveryFacts';

/** A 5xx share above this on a cluster running the change fails the traffic stage. */
const ERROR_RATIO_LIMIT = 0.05;

const PIPELINE_STATUS: Record<string, DeliveryStageStatus> = {
  success: 'done',
  failed: 'failed',
  canceled: 'failed',
  canceling: 'in progress',
  running: 'in progress',
  pending: 'in progress',
  created: 'in progress',
  preparing: 'in progress',
  waiting_for_resource: 'in progress',
  scheduled: 'waiting',
  manual: 'waiting',
  skipped: 'waiting',
};

function stage(
  id: DeliveryStage['id'],
  title: string,
  status: DeliveryStageStatus,
  evidence: string[],
  extra: { at?: string; link?: string } = {},
): DeliveryStage {
  return {
    id,
    title,
    status,
    evidence,
    ...(extra.at ? { at: extra.at } : {}),
    ...(extra.link ? { link: extra.link } : {}),
  };
}

/** Lines of a multi-cluster stage, the ones that block first (the first line names the blocker). */
function badFirst(lines: Array<{ line: string; bad: boolean }>): string[] {
  return [...lines.filter(l => l.bad), ...lines.filter(l => !l.bad)].map(
    l => l.line,
  );
}

/** Image tags that stand for the commit: its SHAs and the versions of its release tags. */
export function imageTagsOf(commit: CommitFacts): string[] {
  const versions = commit.releaseTags.flatMap(tag =>
    tag.startsWith('v') ? [tag, tag.slice(1)] : [tag],
  );
  return [...new Set([commit.shortSha, commit.sha, ...versions])];
}

function pipelineStage(commit: CommitFacts): DeliveryStage {
  const title = 'Pipeline (GitLab)';
  if (!commit.pipeline.ok) {
    return stage('pipeline', title, 'unknown', [
      `GitLab could not be read: ${commit.pipeline.reason}`,
    ]);
  }
  const pipeline = commit.pipeline.value;
  if (!pipeline) {
    return stage('pipeline', title, 'waiting', [
      `No pipeline has run for ${commit.shortSha}`,
    ]);
  }
  const status = PIPELINE_STATUS[pipeline.status] ?? 'unknown';
  const failedStage = pipeline.stages.find(s => s.status === 'failed');
  const evidence = [
    `Pipeline #${pipeline.id} on ${pipeline.ref}: ${pipeline.status}${
      failedStage ? ` (stage ${failedStage.name} failed)` : ''
    }`,
    pipeline.stages.map(s => `${s.name} ${s.status}`).join(' · '),
  ].filter(Boolean);
  const finished =
    pipeline.createdAt &&
    pipeline.durationSeconds !== undefined &&
    status !== 'in progress'
      ? new Date(
          Date.parse(pipeline.createdAt) + pipeline.durationSeconds * 1000,
        ).toISOString()
      : pipeline.createdAt;
  return stage('pipeline', title, status, evidence, {
    at: finished,
    link: pipeline.webUrl,
  });
}

function imageStage(
  facts: DeliveryFacts,
  tags: string[],
  pipeline: DeliveryStage,
): DeliveryStage {
  const title = 'Image (Nexus)';
  if (!facts.image || !facts.images) {
    return stage('image', title, 'unknown', [
      'No Docker image named: set the nexus-repository-manager/docker.image-name annotation',
    ]);
  }
  if (!facts.images.ok) {
    return stage('image', title, 'unknown', [
      `Nexus could not be read: ${facts.images.reason}`,
    ]);
  }
  const found = facts.images.value.filter(v => tags.includes(v.version));
  if (found.length > 0) {
    return stage(
      'image',
      title,
      'done',
      found.map(v => `${facts.image}:${v.version} in ${v.repository}`),
      {
        at: found
          .map(v => v.lastModified)
          .filter(Boolean)
          .sort()[0],
      },
    );
  }
  const wanted = `${facts.image}:${tags[0]}`;
  return pipeline.status === 'done'
    ? stage('image', title, 'failed', [
        `The pipeline passed but Nexus has no ${wanted}${
          tags.length > 2 ? ` (nor ${tags.slice(2).join(', ')})` : ''
        }`,
      ])
    : stage('image', title, 'waiting', [
        `Nexus has no ${wanted} yet: the pipeline publishes it`,
      ]);
}

/** The applications whose images carry one of the change's tags. */
function applicationsRunning(
  facts: DeliveryFacts,
  tags: string[],
): ArgocdApplication[] {
  return facts.applications.filter(app =>
    app.images.some(image => {
      const { repository, tag } = parseImage(image);
      const sameImage =
        !facts.image ||
        repository === facts.image ||
        repository.endsWith(`/${facts.image}`);
      return sameImage && tag !== undefined && tags.includes(tag);
    }),
  );
}

function deployedAt(app: ArgocdApplication): string | undefined {
  return app.history[0]?.deployedAt;
}

function argocdErrorLines(facts: DeliveryFacts): string[] {
  return facts.argocdErrors.map(
    e => `Argo CD on ${e.instance} could not be read: ${e.message}`,
  );
}

function manifestStage(
  facts: DeliveryFacts,
  tags: string[],
  running: ArgocdApplication[],
  image: DeliveryStage,
): DeliveryStage {
  const title = 'Manifest bump (GitOps)';
  if (!facts.argocdSelection) {
    return stage('manifest', title, 'unknown', [
      'No Argo CD application named: set the argocd/app-selector or argocd/app-name annotation',
    ]);
  }
  if (running.length > 0) {
    const others = facts.applications
      .filter(a => !running.includes(a))
      .map(
        a =>
          `${a.instance} still runs ${a.images
            .map(i => parseImage(i).tag)
            .join(', ')}`,
      );
    return stage(
      'manifest',
      title,
      'done',
      [
        `Deployed by ${running
          .map(a => `${a.name} on ${a.instance}`)
          .join(', ')}`,
        ...others,
        ...argocdErrorLines(facts),
      ],
      { at: running.map(deployedAt).filter(Boolean).sort()[0] },
    );
  }
  if (facts.applications.length === 0 && facts.argocdErrors.length > 0) {
    return stage('manifest', title, 'unknown', argocdErrorLines(facts));
  }
  const current = facts.applications.map(
    a =>
      `${a.instance} runs ${
        a.images.map(i => parseImage(i).tag).join(', ') || 'no image'
      }`,
  );
  return stage('manifest', title, 'waiting', [
    image.status === 'done'
      ? `No manifest deploys ${tags[tags.length - 1]} yet`
      : 'Waits for the image',
    ...current,
    ...argocdErrorLines(facts),
  ]);
}

function syncStage(running: ArgocdApplication[]): DeliveryStage {
  const title = 'Argo CD sync and health';
  if (running.length === 0) {
    return stage('sync', title, 'waiting', ['Waits for the manifest bump']);
  }
  const verdicts = running.map(app => {
    const op = app.operation?.phase;
    let status: DeliveryStageStatus = 'done';
    if (
      op === 'Failed' ||
      op === 'Error' ||
      ['Degraded', 'Missing'].includes(app.healthStatus)
    ) {
      status = 'failed';
    } else if (
      op === 'Running' ||
      app.healthStatus === 'Progressing' ||
      app.syncStatus === 'OutOfSync'
    ) {
      status = 'in progress';
    } else if (app.syncStatus !== 'Synced' || app.healthStatus !== 'Healthy') {
      status = 'unknown';
    }
    const why =
      status === 'failed'
        ? app.operation?.message ?? app.healthMessage
        : app.healthMessage;
    return {
      status,
      line: `${app.instance}: ${app.syncStatus}, ${app.healthStatus}${
        why ? ` (${why})` : ''
      }`,
    };
  });
  const order: DeliveryStageStatus[] = [
    'failed',
    'unknown',
    'in progress',
    'done',
  ];
  const status = order.find(s => verdicts.some(v => v.status === s)) ?? 'done';
  return stage(
    'sync',
    title,
    status,
    badFirst(verdicts.map(v => ({ line: v.line, bad: v.status !== 'done' }))),
    { at: running.map(deployedAt).filter(Boolean).sort().pop() },
  );
}

/** The status of the first condition that holds, else done. */
function firstOf(
  cases: Array<[boolean, DeliveryStageStatus]>,
): DeliveryStageStatus {
  return cases.find(([holds]) => holds)?.[1] ?? 'done';
}

function routeVerdict(
  bad: RouteFacts['conditions'],
  accepted: boolean,
): string {
  if (bad.length > 0) {
    return bad
      .map(
        c =>
          `${c.type}=${c.status} (${c.reason ?? ''}${
            c.message ? `: ${c.message}` : ''
          })`,
      )
      .join(', ');
  }
  return accepted ? 'accepted' : 'not accepted by any Gateway yet';
}

function certificateVerdict(
  cert: RouteFacts['certificates'][number],
  expired: boolean,
): string {
  if (expired) return `expired on ${cert.notAfter}`;
  if (cert.ready === 'True') return `valid until ${cert.notAfter ?? 'unknown'}`;
  return `not ready (${cert.reason ?? 'no Ready condition'}${
    cert.message ? `: ${cert.message}` : ''
  })`;
}

function routeStage(
  facts: DeliveryFacts,
  running: ArgocdApplication[],
): DeliveryStage {
  const title = 'HTTPRoute and certificate';
  if (running.length === 0) {
    return stage('route', title, 'waiting', ['Waits for the deployment']);
  }
  const lines: Array<{ line: string; bad: boolean }> = [];
  let failed = false;
  let unknown = false;
  let routesSeen = 0;
  for (const cluster of [...new Set(running.map(a => a.instance))]) {
    const read = facts.routes.get(cluster);
    if (!read || !read.ok) {
      unknown = true;
      lines.push({
        line: `${cluster}: routes could not be read: ${
          read && !read.ok ? read.reason : 'not read'
        }`,
        bad: true,
      });
      continue;
    }
    for (const route of read.value) {
      routesSeen++;
      const bad = route.conditions.filter(
        c =>
          ['Accepted', 'ResolvedRefs'].includes(c.type) && c.status !== 'True',
      );
      const accepted = route.conditions.some(
        c => c.type === 'Accepted' && c.status === 'True',
      );
      if (bad.length > 0 || !accepted) failed = true;
      lines.push({
        bad: bad.length > 0 || !accepted,
        line: `${cluster}: HTTPRoute ${route.namespace}/${
          route.name
        } ${routeVerdict(bad, accepted)} for ${route.hostnames.join(', ')}`,
      });
      if (route.certificates.length === 0) {
        failed = true;
        lines.push({
          line: `${cluster}: no Certificate covers ${route.hostnames.join(
            ', ',
          )}`,
          bad: true,
        });
      }
      for (const cert of route.certificates) {
        const expired =
          cert.notAfter !== undefined && Date.parse(cert.notAfter) < Date.now();
        const valid = cert.ready === 'True' && !expired;
        if (!valid) failed = true;
        lines.push({
          bad: !valid,
          line: `${cluster}: Certificate ${cert.name} ${certificateVerdict(
            cert,
            expired,
          )}`,
        });
        if (cert.renewalFailure) {
          lines.push({
            line: `${cluster}: Certificate ${cert.name} renewal failing: ${cert.renewalFailure}`,
            bad: false,
          });
        }
      }
    }
  }
  if (routesSeen === 0 && !unknown) {
    return stage('route', title, 'done', [
      'Not exposed through the Gateway: no HTTPRoute routes to it',
    ]);
  }
  const status = firstOf([
    [failed, 'failed'],
    [unknown, 'unknown'],
  ]);
  return stage('route', title, status, badFirst(lines));
}

function trafficStage(
  facts: DeliveryFacts,
  running: ArgocdApplication[],
  route: DeliveryStage,
): DeliveryStage {
  const title = 'Traffic and errors (Prometheus)';
  if (running.length === 0) {
    return stage('traffic', title, 'waiting', ['Waits for the deployment']);
  }
  if (route.evidence[0]?.startsWith('Not exposed')) {
    return stage('traffic', title, 'done', [
      'Takes no traffic from the Gateway, so no request metrics apply',
    ]);
  }
  if (!facts.traffic) {
    return stage('traffic', title, 'unknown', [
      'No namespace known: set backstage.io/kubernetes-namespace',
    ]);
  }
  if (!facts.traffic.ok) {
    return stage('traffic', title, 'unknown', [
      `Prometheus could not be read: ${facts.traffic.reason}`,
    ]);
  }
  const traffic = facts.traffic.value;
  const lines: Array<{ line: string; bad: boolean }> = [];
  let failed = false;
  let idle = false;
  for (const cluster of [...new Set(running.map(a => a.instance))]) {
    const t = traffic.find(x => x.cluster === cluster);
    if (!t || t.requestsPerSecond === 0) {
      idle = true;
      lines.push({
        line: `${cluster}: no requests in the last 5 minutes`,
        bad: true,
      });
      continue;
    }
    const ratio = t.errorsPerSecond / t.requestsPerSecond;
    if (ratio > ERROR_RATIO_LIMIT) failed = true;
    lines.push({
      line: `${cluster}: ${t.requestsPerSecond.toFixed(1)} req/s, ${(
        ratio * 100
      ).toFixed(1)}% 5xx`,
      bad: ratio > ERROR_RATIO_LIMIT,
    });
  }
  const status = firstOf([
    [failed, 'failed'],
    [idle, 'waiting'],
  ]);
  return stage('traffic', title, status, badFirst(lines));
}

/** One commit's way from push to traffic, judged against the entity's facts. */
export function deliveryPathOf(
  commit: CommitFacts,
  facts: DeliveryFacts,
): DeliveryPath {
  const tags = imageTagsOf(commit);
  const pipeline = pipelineStage(commit);
  const image = imageStage(facts, tags, pipeline);
  const running = applicationsRunning(facts, tags);
  const manifest = manifestStage(facts, tags, running, image);
  const sync = syncStage(running);
  const route = routeStage(facts, running);
  const traffic = trafficStage(facts, running, route);
  const traces = stage(
    'traces',
    'Traces (Tempo)',
    traffic.status === 'done' ? 'unknown' : 'waiting',
    [
      traffic.status === 'done'
        ? 'The portal does not read traces: open the service in Tempo'
        : 'Waits for traffic',
    ],
  );
  const stages = [
    stage(
      'commit',
      'Commit (GitLab)',
      'done',
      [
        `${commit.shortSha} ${commit.title}${
          commit.author ? ` by ${commit.author}` : ''
        }`,
      ],
      {
        at: commit.createdAt,
        link: commit.webUrl,
      },
    ),
    pipeline,
    image,
    manifest,
    sync,
    route,
    traffic,
    traces,
  ];
  // Traces are a link to follow, not a gate: the change is live once traffic is.
  const current = stages.find(s => s.id !== 'traces' && s.status !== 'done');
  const path: DeliveryPath = {
    commit: {
      sha: commit.sha,
      shortSha: commit.shortSha,
      title: commit.title,
      ...(commit.author ? { author: commit.author } : {}),
      ...(commit.createdAt ? { createdAt: commit.createdAt } : {}),
      ...(commit.webUrl ? { webUrl: commit.webUrl } : {}),
    },
    imageTags: tags,
    stages,
    summary: '',
  };
  if (!current) {
    const where = [...new Set(running.map(a => a.instance))].join(', ');
    return { ...path, summary: `Live on ${where}` };
  }
  const reason = current.evidence[0] ?? current.status;
  const words: Record<DeliveryStageStatus, string> = {
    failed: 'Blocked at',
    unknown: 'Unknown at',
    'in progress': 'In',
    waiting: 'Waiting at',
    done: '',
  };
  return {
    ...path,
    current: current.id,
    summary: `${words[current.status]} ${current.title}: ${reason}`,
    ...(current.status === 'failed' || current.status === 'unknown'
      ? { blockedBy: reason }
      : {}),
  };
}
