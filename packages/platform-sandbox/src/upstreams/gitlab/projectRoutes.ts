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
import { readParams, sendJson } from '../shared/http';
import { Route } from '../shared/router';
import { KEYSET_ERROR } from './assumptions';
import { forbidden, gitlabMessage, gitlabParamError, notFound, unauthorized } from './errors';
import { sendKeysetPage, sendOffsetPage } from './pagination';
import { GitLabScope } from './scope';
import { GitLabProject, Visibility } from './types';

const PROJECT_ORDER: Record<string, (p: GitLabProject) => string | number> = {
  id: p => p.id,
  name: p => p.name,
  path: p => p.path,
  created_at: p => p.createdAt,
  updated_at: p => p.lastActivityAt,
  last_activity_at: p => p.lastActivityAt,
};

function listProjects(scope: GitLabScope): void {
  const { query, state, render, viewer } = scope;
  const orderBy = query.get('order_by') ?? 'created_at';
  const key = PROJECT_ORDER[orderBy];
  if (!key) {
    gitlabParamError(scope.res, 'order_by does not have a valid value');
    return;
  }
  const sort = query.get('sort') ?? 'desc';
  if (sort !== 'asc' && sort !== 'desc') {
    gitlabParamError(scope.res, 'sort does not have a valid value');
    return;
  }
  const search = query.get('search')?.toLowerCase();
  const visibility = query.get('visibility');
  const owned = query.get('owned') === 'true';
  let projects = state.visibleProjects(viewer).filter(p => {
    if (search && !p.name.toLowerCase().includes(search) && !p.path.toLowerCase().includes(search)) {
      return false;
    }
    if (visibility && p.visibility !== visibility) return false;
    if (owned && !(viewer && p.namespace.kind === 'user' && p.namespace.id === viewer.id)) return false;
    if (query.get('archived') && String(p.archived) !== query.get('archived')) return false;
    return true;
  });
  projects = projects.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    const cmp = compareKeys(x, y, a.id - b.id);
    return sort === 'asc' ? cmp : -cmp;
  });
  const renderProject = (p: GitLabProject) => render.project(p);
  if (query.get('pagination') === 'keyset') {
    if (orderBy !== 'id') {
      gitlabMessage(scope.res, KEYSET_ERROR.status, KEYSET_ERROR.body.message);
      return;
    }
    sendKeysetPage(scope.req, scope.res, query, projects, renderProject);
    return;
  }
  sendOffsetPage(scope.req, scope.res, query, projects, renderProject);
}

function showProject(scope: GitLabScope, params: Record<string, string>): void {
  const project = scope.state.findProject(params.id, scope.viewer);
  if (!project) {
    notFound(scope.res, 'Project');
    return;
  }
  sendJson(scope.res, 200, scope.render.project(project));
}

const VISIBILITIES: Visibility[] = ['private', 'internal', 'public'];

async function createProject(scope: GitLabScope): Promise<void> {
  const { state, viewer, res } = scope;
  if (!viewer) {
    unauthorized(res);
    return;
  }
  const body = await readParams(scope.req);
  if (!body) {
    gitlabParamError(res, 'The provided content-type is not supported.');
    return;
  }
  const name = typeof body.name === 'string' ? body.name.trim() : '';
  const path = typeof body.path === 'string' ? body.path.trim() : '';
  if (!name && !path) {
    gitlabParamError(res, 'name, path are missing, at least one parameter must be provided');
    return;
  }
  const visibility = (body.visibility ?? 'private') as Visibility;
  if (!VISIBILITIES.includes(visibility)) {
    gitlabParamError(res, 'visibility does not have a valid value');
    return;
  }
  const namespaceId = body.namespace_id ?? body.namespaceId;
  const namespace =
    namespaceId === undefined || namespaceId === null || namespaceId === ''
      ? state.findNamespace(String(viewer.id))
      : state.findNamespace(String(namespaceId));
  if (!namespace) {
    notFound(res, 'Namespace');
    return;
  }
  if (namespace.kind === 'user' ? namespace.id !== viewer.id && !viewer.isAdmin : !viewer.isAdmin) {
    // Only group owners may create projects in a group; the sandbox's developer owns none.
    forbidden(res);
    return;
  }
  const finalPath = path || name.toLowerCase().replace(/[^a-z0-9_.-]+/g, '-');
  const finalName = name || path;
  if (!/^[a-zA-Z0-9_][a-zA-Z0-9_.-]*$/.test(finalPath) || finalPath.endsWith('.git')) {
    gitlabMessage(res, 400, {
      path: ["can contain only letters, digits, '_', '-' and '.'. Cannot start with '-', end in '.git' or end in '.atom'"],
    });
    return;
  }
  const taken = [...state.projects.values()].filter(p => p.namespace.id === namespace.id);
  const errors: Record<string, string[]> = {};
  if (taken.some(p => p.name === finalName)) errors.name = ['has already been taken'];
  if (taken.some(p => p.path === finalPath)) errors.path = ['has already been taken'];
  if (Object.keys(errors).length > 0) {
    gitlabMessage(res, 400, errors);
    return;
  }
  const defaultBranch = typeof body.default_branch === 'string' ? body.default_branch : 'main';
  const initialize = body.initialize_with_readme === true || body.initialize_with_readme === 'true';
  const project = state.addProject({
    name: finalName,
    path: finalPath,
    namespace,
    description: typeof body.description === 'string' ? body.description : null,
    visibility,
    defaultBranch,
    files: initialize ? { 'README.md': `# ${finalName}\n` } : undefined,
  });
  sendJson(res, 201, scope.render.project(project));
}

function showNamespace(scope: GitLabScope, params: Record<string, string>): void {
  const ns = scope.state.findNamespace(params.id);
  if (!ns || !canUseNamespace(scope, ns.id, ns.kind)) {
    notFound(scope.res, 'Namespace');
    return;
  }
  sendJson(scope.res, 200, scope.render.namespace(ns));
}

function canUseNamespace(scope: GitLabScope, id: number, kind: 'group' | 'user'): boolean {
  const viewer = scope.viewer;
  if (!viewer) return false;
  return viewer.isAdmin || kind === 'group' || id === viewer.id;
}

function listNamespaces(scope: GitLabScope): void {
  const search = scope.query.get('search')?.toLowerCase();
  const items = scope.state.namespaces.filter(
    ns => canUseNamespace(scope, ns.id, ns.kind) && (!search || ns.fullPath.toLowerCase().includes(search)),
  );
  sendOffsetPage(scope.req, scope.res, scope.query, items, ns => scope.render.namespace(ns));
}

function showGroup(scope: GitLabScope, params: Record<string, string>): void {
  const ns = scope.state.findNamespace(params.id);
  if (!ns || ns.kind !== 'group') {
    notFound(scope.res, 'Group');
    return;
  }
  const projects = [...scope.state.projects.values()]
    .filter(p => p.namespace.id === ns.id && scope.state.canSee(scope.viewer, p))
    .map(p => scope.render.project(p));
  sendJson(scope.res, 200, {
    ...scope.render.namespace(ns),
    description: '',
    visibility: 'internal',
    full_name: ns.name,
    projects,
  });
}

function currentUser(scope: GitLabScope): void {
  sendJson(scope.res, 200, scope.render.user(scope.viewer!, true));
}

function listUsers(scope: GitLabScope): void {
  const username = scope.query.get('username');
  const users = scope.state.users.filter(u => !username || u.username.toLowerCase() === username.toLowerCase());
  sendOffsetPage(scope.req, scope.res, scope.query, users, u => scope.render.user(u, false));
}

function showUser(scope: GitLabScope, params: Record<string, string>): void {
  const user = scope.state.users.find(u => String(u.id) === params.id);
  if (!user) {
    notFound(scope.res, 'User');
    return;
  }
  sendJson(scope.res, 200, scope.render.user(user, scope.viewer?.id === user.id || Boolean(scope.viewer?.isAdmin)));
}

function version(scope: GitLabScope): void {
  sendJson(scope.res, 200, { version: '18.3.0-ee', revision: '5c1b2f9a', kas: { enabled: false } });
}

/** `/groups/:id/projects` and `/users/:id/projects`: the namespace's visible projects, `search` by name. */
function namespaceProjects(kind: 'group' | 'user') {
  return (scope: GitLabScope, params: Record<string, string>): void => {
    const ns = scope.state.findNamespace(params.id);
    if (!ns || ns.kind !== kind) {
      notFound(scope.res, kind === 'group' ? 'Group' : 'User');
      return;
    }
    const search = scope.query.get('search')?.toLowerCase();
    const projects = [...scope.state.projects.values()]
      .filter(p => p.namespace.id === ns.id && scope.state.canSee(scope.viewer, p))
      .filter(p => !search || p.name.toLowerCase().includes(search) || p.path.toLowerCase().includes(search))
      .sort((a, b) => b.id - a.id);
    sendOffsetPage(scope.req, scope.res, scope.query, projects, p => scope.render.project(p));
  };
}

const ACCESS_LEVELS = [10, 15, 20, 30, 40, 50];

/** Adding a member is accepted and echoed; the sandbox does not model permissions per project. */
async function addProjectMember(scope: GitLabScope, params: Record<string, string>): Promise<void> {
  const project = scope.state.findProject(params.id, scope.viewer);
  if (!project) {
    notFound(scope.res, 'Project');
    return;
  }
  const body = (await readParams(scope.req)) ?? {};
  const user = scope.state.users.find(u => String(u.id) === String(body.user_id ?? ''));
  const level = Number(body.access_level);
  if (!ACCESS_LEVELS.includes(level)) {
    gitlabParamError(scope.res, 'access_level does not have a valid value');
    return;
  }
  if (!user) {
    notFound(scope.res, 'User');
    return;
  }
  sendJson(scope.res, 201, { ...scope.render.user(user, false), access_level: level, expires_at: null });
}

/** Routes that do not need a signed-in user: GitLab lists and shows public projects anonymously. */
export const ANONYMOUS_ROUTES: Route<GitLabScope>[] = [
  { method: 'GET', pattern: '/projects', handle: listProjects },
  { method: 'GET', pattern: '/projects/:id', handle: showProject },
];

export const PROJECT_ROUTES: Route<GitLabScope>[] = [
  { method: 'POST', pattern: '/projects', handle: createProject },
  { method: 'GET', pattern: '/namespaces', handle: listNamespaces },
  { method: 'GET', pattern: '/namespaces/:id', handle: showNamespace },
  { method: 'GET', pattern: '/groups/:id', handle: showGroup },
  { method: 'GET', pattern: '/groups/:id/projects', handle: namespaceProjects('group') },
  { method: 'GET', pattern: '/users/:id/projects', handle: namespaceProjects('user') },
  { method: 'POST', pattern: '/projects/:id/members', handle: addProjectMember },
  { method: 'GET', pattern: '/user', handle: currentUser },
  { method: 'GET', pattern: '/users', handle: listUsers },
  { method: 'GET', pattern: '/users/:id', handle: showUser },
  { method: 'GET', pattern: '/version', handle: version },
];
