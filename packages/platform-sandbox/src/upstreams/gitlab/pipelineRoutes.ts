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

import { compareKeys } from '../shared/compare';
import { sendJson } from '../shared/http';
import { Route } from '../shared/router';
import { PIPELINE_SCOPES, PIPELINE_SOURCES, PIPELINE_STATUSES, PipelineStatus } from './assumptions';
import { gitlabParamError, notFound } from './errors';
import { MERGE_REQUEST_ROUTES } from './mergeRequestRoutes';
import { sendKeysetPage, sendOffsetPage } from './pagination';
import { GitLabScope } from './scope';
import { GitLabPipeline, GitLabProject } from './types';

const FINISHED: PipelineStatus[] = ['success', 'failed', 'canceled', 'skipped'];

function projectOr404(scope: GitLabScope, id: string): GitLabProject | undefined {
  const project = scope.state.findProject(id, scope.viewer);
  if (!project) notFound(scope.res, 'Project');
  return project;
}

function checkEnum(scope: GitLabScope, name: string, allowed: readonly string[]): boolean {
  const value = scope.query.get(name);
  if (value !== null && !allowed.includes(value)) {
    gitlabParamError(scope.res, `${name} does not have a valid value`);
    return false;
  }
  return true;
}

function listPipelines(scope: GitLabScope, params: Record<string, string>): void {
  const project = projectOr404(scope, params.id);
  if (!project) return;
  const { query, state } = scope;
  if (
    !checkEnum(scope, 'status', PIPELINE_STATUSES) ||
    !checkEnum(scope, 'scope', PIPELINE_SCOPES) ||
    !checkEnum(scope, 'source', PIPELINE_SOURCES) ||
    !checkEnum(scope, 'order_by', ['id', 'status', 'ref', 'updated_at', 'user_id']) ||
    !checkEnum(scope, 'sort', ['asc', 'desc'])
  ) {
    return;
  }
  const status = query.get('status');
  const pipelineScope = query.get('scope');
  const ref = query.get('ref');
  const sha = query.get('sha');
  const source = query.get('source');
  const updatedAfter = query.get('updated_after');
  const updatedBefore = query.get('updated_before');
  const pipelines = (state.pipelines.get(project.id) ?? []).filter(p => {
    const current = state.pipelineStatus(p);
    if (status && current !== status) return false;
    if (ref && p.ref !== ref) return false;
    if (sha && p.sha !== sha) return false;
    if (source && p.source !== source) return false;
    if (pipelineScope === 'running' && current !== 'running') return false;
    if (pipelineScope === 'pending' && current !== 'pending') return false;
    if (pipelineScope === 'finished' && !FINISHED.includes(current)) return false;
    if (pipelineScope === 'tags' && !p.tag) return false;
    if (pipelineScope === 'branches' && p.tag) return false;
    if (updatedAfter && p.createdAt <= new Date(updatedAfter)) return false;
    if (updatedBefore && p.createdAt >= new Date(updatedBefore)) return false;
    return true;
  });
  const orderBy = query.get('order_by') ?? 'id';
  const descending = (query.get('sort') ?? 'desc') === 'desc';
  const keyOf = (p: GitLabPipeline): string | number => {
    if (orderBy === 'status') return state.pipelineStatus(p);
    if (orderBy === 'ref') return p.ref;
    if (orderBy === 'user_id') return p.userId;
    if (orderBy === 'updated_at') return p.createdAt.getTime() + p.durationSeconds * 1000;
    return p.id;
  };
  pipelines.sort((a, b) => {
    const x = keyOf(a);
    const y = keyOf(b);
    const cmp = compareKeys(x, y, a.id - b.id);
    return descending ? -cmp : cmp;
  });
  sendOffsetPage(scope.req, scope.res, query, pipelines, p => scope.render.pipeline(p));
}

function findPipeline(scope: GitLabScope, params: Record<string, string>): GitLabPipeline | undefined {
  const project = projectOr404(scope, params.id);
  if (!project) return undefined;
  const pipeline = (scope.state.pipelines.get(project.id) ?? []).find(p => String(p.id) === params.pipelineId);
  if (!pipeline) notFound(scope.res);
  return pipeline;
}

function latestPipeline(scope: GitLabScope, params: Record<string, string>): void {
  const project = projectOr404(scope, params.id);
  if (!project) return;
  const ref = scope.query.get('ref') ?? project.defaultBranch;
  const latest = (scope.state.pipelines.get(project.id) ?? [])
    .filter(p => p.ref === ref)
    .sort((a, b) => b.id - a.id)[0];
  if (!latest) {
    notFound(scope.res);
    return;
  }
  sendJson(scope.res, 200, scope.render.pipelineDetail(latest));
}

function showPipeline(scope: GitLabScope, params: Record<string, string>): void {
  const pipeline = findPipeline(scope, params);
  if (pipeline) sendJson(scope.res, 200, scope.render.pipelineDetail(pipeline));
}

/** `scope[]` filters jobs by status; repeatable. */
function jobScopes(query: URLSearchParams): string[] {
  return [...query.getAll('scope[]'), ...query.getAll('scope')];
}

function pipelineJobs(scope: GitLabScope, params: Record<string, string>): void {
  const pipeline = findPipeline(scope, params);
  if (!pipeline) return;
  const scopes = jobScopes(scope.query);
  const jobs = scope.render.jobs(pipeline).filter(j => scopes.length === 0 || scopes.includes(j.status));
  sendOffsetPage(scope.req, scope.res, scope.query, jobs, j => j);
}

function projectJobs(scope: GitLabScope, params: Record<string, string>): void {
  const project = projectOr404(scope, params.id);
  if (!project) return;
  const scopes = jobScopes(scope.query);
  const jobs = [...(scope.state.pipelines.get(project.id) ?? [])]
    .sort((a, b) => b.id - a.id)
    .flatMap(p => scope.render.jobs(p).reverse())
    .filter(j => scopes.length === 0 || scopes.includes(j.status));
  if (scope.query.get('pagination') === 'keyset') {
    // Project jobs support keyset paging, newest first by default.
    const query = new URLSearchParams(scope.query);
    if (!query.has('sort')) query.set('sort', 'desc');
    sendKeysetPage(scope.req, scope.res, query, jobs, j => j);
    return;
  }
  sendOffsetPage(scope.req, scope.res, scope.query, jobs, j => j);
}

export const PIPELINE_ROUTES: Route<GitLabScope>[] = [
  { method: 'GET', pattern: '/projects/:id/pipelines', handle: listPipelines },
  { method: 'GET', pattern: '/projects/:id/pipelines/latest', handle: latestPipeline },
  { method: 'GET', pattern: '/projects/:id/pipelines/:pipelineId', handle: showPipeline },
  { method: 'GET', pattern: '/projects/:id/pipelines/:pipelineId/jobs', handle: pipelineJobs },
  { method: 'GET', pattern: '/projects/:id/jobs', handle: projectJobs },
  // Merge requests are derived from the pipelines of their source branches.
  ...MERGE_REQUEST_ROUTES,
];
