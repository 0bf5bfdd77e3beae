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

import { sendJson } from '../shared/http';
import { Route } from '../shared/router';
import { gitlabParamError, notFound } from './errors';
import { sendOffsetPage } from './pagination';
import { GitLabScope } from './scope';
import { GitLabPipeline, GitLabProject } from './types';

/** Merge requests whose source branch has the newest pipelines stay open; older ones are merged. */
const OPEN_MERGE_REQUESTS = 2;
const MR_STATES = ['opened', 'closed', 'locked', 'merged', 'all'];

interface MergeRequest {
  iid: number;
  sourceBranch: string;
  state: 'opened' | 'merged';
  createdAt: Date;
  pipelines: GitLabPipeline[];
}

/**
 * A project's merge requests, derived from its pipeline history: one per
 * feature branch that ran merge-request pipelines, numbered in the order the
 * branches first ran.
 */
function mergeRequestsOf(
  scope: GitLabScope,
  project: GitLabProject,
): MergeRequest[] {
  const byBranch = new Map<string, GitLabPipeline[]>();
  const pipelines = [...(scope.state.pipelines.get(project.id) ?? [])].sort(
    (a, b) => a.id - b.id,
  );
  for (const p of pipelines) {
    if (p.source !== 'merge_request_event' || p.tag) continue;
    byBranch.set(p.ref, [...(byBranch.get(p.ref) ?? []), p]);
  }
  const requests = [...byBranch].map(([sourceBranch, runs], i) => ({
    iid: i + 1,
    sourceBranch,
    state: 'merged' as MergeRequest['state'],
    createdAt: runs[0].createdAt,
    pipelines: [...runs].sort((a, b) => b.id - a.id),
  }));
  const newestFirst = [...requests].sort(
    (a, b) => b.pipelines[0].id - a.pipelines[0].id,
  );
  for (const mr of newestFirst.slice(0, OPEN_MERGE_REQUESTS))
    mr.state = 'opened';
  return requests;
}

function render(scope: GitLabScope, project: GitLabProject, mr: MergeRequest) {
  const projectJson = scope.render.project(project);
  const head = mr.pipelines[0];
  const updated = new Date(
    head.createdAt.getTime() + head.durationSeconds * 1000,
  );
  return {
    id: project.id * 10_000 + mr.iid,
    iid: mr.iid,
    project_id: project.id,
    title: `Change ${mr.sourceBranch.replace(/^feature\/change-/, '#')}`,
    description: null,
    state: mr.state,
    created_at: mr.createdAt.toISOString(),
    updated_at: updated.toISOString(),
    merged_at: mr.state === 'merged' ? updated.toISOString() : null,
    target_branch: project.defaultBranch,
    source_branch: mr.sourceBranch,
    draft: false,
    sha: head.sha,
    web_url: `${projectJson.web_url}/-/merge_requests/${mr.iid}`,
  };
}

function projectOr404(
  scope: GitLabScope,
  id: string,
): GitLabProject | undefined {
  const project = scope.state.findProject(id, scope.viewer);
  if (!project) notFound(scope.res, 'Project');
  return project;
}

function listMergeRequests(
  scope: GitLabScope,
  params: Record<string, string>,
): void {
  const project = projectOr404(scope, params.id);
  if (!project) return;
  const state = scope.query.get('state') ?? 'all';
  if (!MR_STATES.includes(state)) {
    gitlabParamError(scope.res, 'state does not have a valid value');
    return;
  }
  const requests = mergeRequestsOf(scope, project)
    .filter(mr => state === 'all' || mr.state === state)
    .sort(
      (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.iid - a.iid,
    );
  sendOffsetPage(scope.req, scope.res, scope.query, requests, mr =>
    render(scope, project, mr),
  );
}

function mergeRequestPipelines(
  scope: GitLabScope,
  params: Record<string, string>,
): void {
  const project = projectOr404(scope, params.id);
  if (!project) return;
  const mr = mergeRequestsOf(scope, project).find(
    m => String(m.iid) === params.iid,
  );
  if (!mr) {
    sendJson(scope.res, 404, { message: '404 Not found' });
    return;
  }
  sendOffsetPage(scope.req, scope.res, scope.query, mr.pipelines, p =>
    scope.render.pipeline(p),
  );
}

export const MERGE_REQUEST_ROUTES: Route<GitLabScope>[] = [
  {
    method: 'GET',
    pattern: '/projects/:id/merge_requests',
    handle: listMergeRequests,
  },
  {
    method: 'GET',
    pattern: '/projects/:id/merge_requests/:iid/pipelines',
    handle: mergeRequestPipelines,
  },
];
