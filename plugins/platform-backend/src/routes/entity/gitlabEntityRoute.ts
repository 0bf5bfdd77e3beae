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

import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import {
  ANNOTATIONS,
  EntityGitLabResponse,
  PipelineStage,
  PipelineSummary,
} from '@platform-portal/plugin-platform-common';
import { notConfigured as upstreamNotConfigured } from '../../clients/UpstreamClients';
import {
  GitLabClient,
  GitLabJob,
  GitLabPipeline,
} from '../../clients/gitlab/GitLabClient';
import { auditedRefusal } from '../../ownership/auditedRefusal';
import { annotationOf, notConfigured } from './entityAnnotations';
import { EntityRouteContext } from './EntityRouteContext';

const DEFAULT_BRANCH_PIPELINES = 5;
const MERGE_REQUESTS = 5;

/** A stage's status from its jobs, in the order GitLab itself would show. */
export function stageStatus(jobs: GitLabJob[]): string {
  const statuses = jobs.map(j => j.status);
  for (const s of [
    'failed',
    'running',
    'canceling',
    'pending',
    'waiting_for_resource',
    'preparing',
    'created',
    'canceled',
    'manual',
    'scheduled',
  ]) {
    if (statuses.includes(s)) {
      return s;
    }
  }
  return statuses.every(s => s === 'skipped') ? 'skipped' : 'success';
}

function stagesOf(jobs: GitLabJob[]): PipelineStage[] {
  // Jobs come newest first; stages run in the order of their first job.
  const ordered = [...jobs].sort((a, b) => a.id - b.id);
  const names = [...new Set(ordered.map(j => j.stage))];
  return names.map(name => {
    const inStage = ordered.filter(j => j.stage === name);
    return { name, status: stageStatus(inStage), jobs: inStage.length };
  });
}

export async function summaryOf(
  gitlab: GitLabClient,
  projectId: number,
  pipeline: GitLabPipeline,
): Promise<PipelineSummary> {
  const [detail, jobs] = await Promise.all([
    gitlab.pipeline(projectId, pipeline.id),
    gitlab.pipelineJobs(projectId, pipeline.id),
  ]);
  return {
    id: detail.id,
    ref: detail.ref,
    status: detail.status,
    ...(detail.source ? { source: detail.source } : {}),
    ...(detail.sha ? { sha: detail.sha } : {}),
    ...(detail.created_at ? { createdAt: detail.created_at } : {}),
    ...(typeof detail.duration === 'number'
      ? { durationSeconds: detail.duration }
      : {}),
    ...(detail.web_url ? { webUrl: detail.web_url } : {}),
    stages: stagesOf(jobs),
  };
}

export function projectBySlug(gitlab: GitLabClient, slug: string) {
  return gitlab.projectByPath(slug).catch(error => {
    if (error instanceof NotFoundError) {
      throw new NotFoundError(
        `GitLab has no project '${slug}' that the portal may see; check the ${ANNOTATIONS.gitlabProjectSlug} annotation`,
      );
    }
    throw error;
  });
}

async function readProject(
  gitlab: GitLabClient,
  slug: string,
): Promise<EntityGitLabResponse> {
  const project = await projectBySlug(gitlab, slug);
  const branch = project.default_branch ?? 'main';
  const [pipelines, mergeRequests] = await Promise.all([
    gitlab.pipelines(project.id, branch, DEFAULT_BRANCH_PIPELINES),
    gitlab.openMergeRequests(project.id, MERGE_REQUESTS),
  ]);
  const [defaultBranch, withPipelines] = await Promise.all([
    Promise.all(pipelines.data.map(p => summaryOf(gitlab, project.id, p))),
    Promise.all(
      mergeRequests.map(async mr => {
        const [latest] = await gitlab.mergeRequestPipelines(
          project.id,
          mr.iid,
          1,
        );
        return {
          iid: mr.iid,
          title: mr.title,
          sourceBranch: mr.source_branch,
          ...(mr.web_url ? { webUrl: mr.web_url } : {}),
          ...(latest
            ? { pipeline: await summaryOf(gitlab, project.id, latest) }
            : {}),
        };
      }),
    ),
  ]);
  return {
    configured: true,
    project: {
      path: project.path_with_namespace,
      ...(project.web_url ? { webUrl: project.web_url } : {}),
      defaultBranch: branch,
    },
    defaultBranch,
    mergeRequests: withPipelines,
    observedAt: new Date().toISOString(),
  };
}

/** GET /entity/:namespace/:kind/:name/gitlab */
export function gitlabEntityRoute(context: EntityRouteContext): void {
  const { router, entities, clients, cache, ownership } = context;
  router.get('/entity/:namespace/:kind/:name/gitlab', async (req, res) => {
    const { entity, credentials } = await entities.load(req);
    const slug = annotationOf(entity, ANNOTATIONS.gitlabProjectSlug);
    if (!slug) {
      const body: EntityGitLabResponse = notConfigured(entity, [
        ANNOTATIONS.gitlabProjectSlug,
      ]);
      res.json(body);
      return;
    }
    const gitlab = clients.gitlab();
    if (!gitlab) {
      throw new ServiceUnavailableError(upstreamNotConfigured('gitlab'));
    }
    // The project's real path decides, not the annotation's spelling of it.
    const project = await cache.read(`gitlab:path:${slug}`, async () => ({
      path: (await projectBySlug(gitlab, slug)).path_with_namespace,
    }));
    const actor = await ownership.actor(credentials);
    await auditedRefusal(
      context.auditor,
      req,
      { upstream: 'gitlab', object: project.path },
      () =>
        ownership.requireShown(
          'gitlab',
          `GitLab project ${project.path}`,
          ownership.gitlabOwner(project.path),
          entity,
          actor,
        ),
    );
    res.json(
      await cache.read(`gitlab:${slug}`, () => readProject(gitlab, slug)),
    );
  });
}
