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
import { DEPRECATED_RUNNER_STATUSES, RUNNER_STATUSES, RUNNER_TYPES } from './assumptions';
import { forbidden, gitlabParamError, notFound } from './errors';
import { sendOffsetPage } from './pagination';
import { GitLabScope } from './scope';
import { GitLabRunner } from './types';

function filterRunners(scope: GitLabScope, runners: GitLabRunner[]): GitLabRunner[] | undefined {
  const { query, state } = scope;
  const type = query.get('type');
  const status = query.get('status');
  const paused = query.get('paused');
  if (type !== null && !(RUNNER_TYPES as readonly string[]).includes(type)) {
    gitlabParamError(scope.res, 'type does not have a valid value');
    return undefined;
  }
  const statuses: readonly string[] = [...RUNNER_STATUSES, ...DEPRECATED_RUNNER_STATUSES];
  if (status !== null && !statuses.includes(status)) {
    gitlabParamError(scope.res, 'status does not have a valid value');
    return undefined;
  }
  if (paused !== null && paused !== 'true' && paused !== 'false') {
    gitlabParamError(scope.res, 'paused is invalid');
    return undefined;
  }
  const tags = (query.get('tag_list') ?? '').split(',').filter(Boolean);
  return runners.filter(r => {
    if (type && r.runnerType !== type) return false;
    if (status === 'paused' && !r.paused) return false;
    if (status === 'active' && r.paused) return false;
    if (status && !(DEPRECATED_RUNNER_STATUSES as readonly string[]).includes(status) && state.runnerStatus(r) !== status) {
      return false;
    }
    if (paused !== null && String(r.paused) !== paused) return false;
    return tags.every(t => r.tagList.includes(t));
  });
}

function allRunners(scope: GitLabScope): void {
  if (!scope.viewer?.isAdmin) {
    forbidden(scope.res);
    return;
  }
  const runners = filterRunners(scope, scope.state.runners);
  if (runners) sendOffsetPage(scope.req, scope.res, scope.query, runners, r => scope.render.runner(r));
}

/** Runners the user can manage: for the sandbox, the group runners (admins own them all). */
function ownedRunners(scope: GitLabScope): void {
  const owned = scope.state.runners.filter(r => r.runnerType !== 'instance_type' || scope.viewer?.isAdmin);
  const runners = filterRunners(scope, scope.viewer?.isAdmin ? owned : []);
  if (runners) sendOffsetPage(scope.req, scope.res, scope.query, runners, r => scope.render.runner(r));
}

function showRunner(scope: GitLabScope, params: Record<string, string>): void {
  const runner = scope.state.runners.find(r => String(r.id) === params.id);
  if (!runner) {
    notFound(scope.res, 'Runner');
    return;
  }
  if (!scope.viewer?.isAdmin) {
    forbidden(scope.res);
    return;
  }
  sendJson(scope.res, 200, scope.render.runnerDetail(runner));
}

export const RUNNER_ROUTES: Route<GitLabScope>[] = [
  { method: 'GET', pattern: '/runners/all', handle: allRunners },
  { method: 'GET', pattern: '/runners', handle: ownedRunners },
  { method: 'GET', pattern: '/runners/:id', handle: showRunner },
];
