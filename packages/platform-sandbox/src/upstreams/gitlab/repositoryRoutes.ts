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

import { readParams, sendJson } from '../shared/http';
import { stableHex } from '../shared/ids';
import { Route } from '../shared/router';
import { gitlabMessage, gitlabParamError, notFound } from './errors';
import { sendOffsetPage } from './pagination';
import { GitLabScope } from './scope';
import { GitLabProject, RepositoryFile } from './types';

function projectOr404(scope: GitLabScope, id: string): GitLabProject | undefined {
  const project = scope.state.findProject(id, scope.viewer);
  if (!project) notFound(scope.res, 'Project');
  return project;
}

function branchFiles(project: GitLabProject, ref: string): Map<string, RepositoryFile> | undefined {
  const byBranch = project.branches.get(ref);
  if (byBranch) return byBranch;
  // A commit sha also works as a ref; the sandbox resolves it to the branch holding it.
  for (const [branch, commits] of project.commits) {
    if (commits.some(c => c.id === ref || c.shortId === ref)) return project.branches.get(branch);
  }
  return undefined;
}

function readFile(scope: GitLabScope, params: Record<string, string>, raw: boolean): void {
  const project = projectOr404(scope, params.id);
  if (!project) return;
  const ref = scope.query.get('ref') ?? (raw ? project.defaultBranch : null);
  if (!ref) {
    gitlabParamError(scope.res, 'ref is missing');
    return;
  }
  const file = branchFiles(project, ref)?.get(params.filePath);
  if (!file) {
    notFound(scope.res, 'File');
    return;
  }
  if (raw) {
    scope.res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': file.content.length });
    scope.res.end(file.content);
    return;
  }
  const head = project.commits.get(ref)?.[0]?.id ?? file.lastCommitId;
  sendJson(scope.res, 200, scope.render.file(params.filePath, ref, file, head));
}

function listCommits(scope: GitLabScope, params: Record<string, string>): void {
  const project = projectOr404(scope, params.id);
  if (!project) return;
  const ref = scope.query.get('ref_name') ?? project.defaultBranch;
  const commits = project.commits.get(ref);
  if (!commits) {
    notFound(scope.res, 'Commit');
    return;
  }
  sendOffsetPage(scope.req, scope.res, scope.query, commits, c => scope.render.commit(project, c));
}

function showCommit(scope: GitLabScope, params: Record<string, string>): void {
  const project = projectOr404(scope, params.id);
  if (!project) return;
  const sha = params.sha;
  const commit = project.commits.get(sha)?.[0] ??
    [...project.commits.values()].flat().find(c => c.id === sha || c.shortId === sha);
  if (!commit) {
    notFound(scope.res, 'Commit');
    return;
  }
  sendJson(scope.res, 200, scope.render.commit(project, commit));
}

interface CommitAction {
  action: string;
  file_path: string;
  previous_path?: string;
  content?: string;
  encoding?: string;
}

function decodeContent(action: CommitAction): Buffer | undefined {
  if (action.content === undefined) return undefined;
  return Buffer.from(action.content, action.encoding === 'base64' ? 'base64' : 'utf8');
}

const ACTIONS = ['create', 'update', 'delete', 'move', 'chmod'];

async function createCommit(scope: GitLabScope, params: Record<string, string>): Promise<void> {
  const project = projectOr404(scope, params.id);
  if (!project) return;
  const body = await readParams(scope.req);
  if (!body) {
    gitlabParamError(scope.res, 'The provided content-type is not supported.');
    return;
  }
  const missing = ['branch', 'commit_message', 'actions'].filter(k => body[k] === undefined || body[k] === '');
  if (missing.length > 0) {
    gitlabParamError(scope.res, missing.map(k => `${k} is missing`).join(', '));
    return;
  }
  const actions = body.actions as CommitAction[];
  if (!Array.isArray(actions) || actions.some(a => !a || !ACTIONS.includes(a.action) || !a.file_path)) {
    gitlabParamError(scope.res, 'actions[action] does not have a valid value');
    return;
  }
  const branch = String(body.branch);
  const startBranch = typeof body.start_branch === 'string' ? body.start_branch : undefined;
  const existing = project.branches.get(branch);
  const source = existing ?? (startBranch ? project.branches.get(startBranch) : undefined);
  if (!existing && startBranch && !source) {
    gitlabMessage(scope.res, 400, `Invalid reference name: ${startBranch}`);
    return;
  }
  if (!existing && !source && project.branches.size > 0) {
    gitlabMessage(scope.res, 400, 'You can only create or edit files when you are on a branch');
    return;
  }
  const files = new Map(source ?? []);
  const changed: string[] = [];
  const write = (path: string, content: Buffer, mode = '100644') => {
    files.set(path, { content, mode, blobId: scope.state.repositories.writeBlob(project.id, content), lastCommitId: '' });
    changed.push(path);
  };
  for (const action of actions) {
    const exists = files.has(action.file_path);
    if (action.action === 'create' && exists) {
      gitlabMessage(scope.res, 400, 'A file with this name already exists');
      return;
    }
    if (['update', 'delete', 'chmod'].includes(action.action) && !exists) {
      gitlabMessage(scope.res, 400, "A file with this name doesn't exist");
      return;
    }
    if (action.action === 'move' && (!action.previous_path || !files.has(action.previous_path))) {
      gitlabMessage(scope.res, 400, "A file with this name doesn't exist");
      return;
    }
    const content = decodeContent(action);
    if (action.action === 'delete') {
      files.delete(action.file_path);
    } else if (action.action === 'move') {
      const previous = files.get(action.previous_path!)!;
      files.delete(action.previous_path!);
      write(action.file_path, content ?? previous.content, previous.mode);
    } else if (action.action === 'chmod') {
      const current = files.get(action.file_path)!;
      const executable = (action as { execute_filemode?: boolean }).execute_filemode === true;
      write(action.file_path, current.content, executable ? '100755' : '100644');
    } else {
      write(action.file_path, content ?? Buffer.alloc(0), files.get(action.file_path)?.mode);
    }
  }
  const history = project.commits.get(branch) ?? (startBranch ? project.commits.get(startBranch) : undefined) ?? [];
  const viewer = scope.viewer!;
  const author = {
    name: typeof body.author_name === 'string' ? body.author_name : viewer.name,
    email: typeof body.author_email === 'string' ? body.author_email : `${viewer.username}@example.internal`,
  };
  const commit = scope.state.writeCommit(project, files, String(body.commit_message), history[0] ? [history[0].id] : [], author);
  try {
    await scope.state.repositories.serialised(project.id, () =>
      scope.state.repositories.updateBranch(project.id, branch, commit.id, existing ? history[0]?.id : undefined),
    );
  } catch {
    // Someone pushed to the branch since it was read.
    gitlabMessage(scope.res, 400, 'Could not update branch: it changed while the commit was made');
    return;
  }
  for (const path of changed) {
    const file = files.get(path);
    if (file) file.lastCommitId = commit.id;
  }
  if (project.branches.size === 0 && branch !== project.defaultBranch) {
    project.defaultBranch = branch;
    scope.state.repositories.setHead(project.id, branch);
  }
  project.branches.set(branch, files);
  project.commits.set(branch, [commit, ...history]);
  project.lastActivityAt = commit.createdAt;
  const pipeline = files.has('.gitlab-ci.yml')
    ? scope.state.startPipeline(project, branch, commit.id, viewer.id)
    : undefined;
  sendJson(scope.res, 201, {
    ...scope.render.commit(project, commit),
    stats: { additions: changed.length, deletions: 0, total: changed.length },
    status: pipeline ? scope.state.pipelineStatus(pipeline) : null,
    project_id: project.id,
    last_pipeline: pipeline ? scope.render.pipeline(pipeline) : null,
  });
}

function listBranches(scope: GitLabScope, params: Record<string, string>): void {
  const project = projectOr404(scope, params.id);
  if (!project) return;
  const branches = [...project.branches.keys()].sort().map(name => branchJson(scope, project, name));
  sendOffsetPage(scope.req, scope.res, scope.query, branches, b => b);
}

function showBranch(scope: GitLabScope, params: Record<string, string>): void {
  const project = projectOr404(scope, params.id);
  if (!project) return;
  if (!project.branches.has(params.branch)) {
    notFound(scope.res, 'Branch');
    return;
  }
  sendJson(scope.res, 200, branchJson(scope, project, params.branch));
}

function branchJson(scope: GitLabScope, project: GitLabProject, name: string) {
  const head = project.commits.get(name)?.[0];
  return {
    name,
    merged: false,
    protected: name === project.defaultBranch,
    default: name === project.defaultBranch,
    developers_can_push: false,
    developers_can_merge: false,
    can_push: true,
    web_url: `${scope.render.project(project).web_url}/-/tree/${name}`,
    commit: head ? scope.render.commit(project, head) : null,
  };
}

function listTree(scope: GitLabScope, params: Record<string, string>): void {
  const project = projectOr404(scope, params.id);
  if (!project) return;
  const ref = scope.query.get('ref') ?? project.defaultBranch;
  const files = branchFiles(project, ref);
  if (!files) {
    notFound(scope.res, 'Tree');
    return;
  }
  const prefix = (scope.query.get('path') ?? '').replace(/\/$/, '');
  const recursive = scope.query.get('recursive') === 'true';
  const entries = new Map<string, { type: 'tree' | 'blob'; path: string }>();
  for (const path of files.keys()) {
    if (prefix && !path.startsWith(`${prefix}/`)) continue;
    const relative = prefix ? path.slice(prefix.length + 1) : path;
    const parts = relative.split('/');
    if (recursive) {
      for (let i = 1; i < parts.length; i++) {
        const dir = [prefix, ...parts.slice(0, i)].filter(Boolean).join('/');
        entries.set(dir, { type: 'tree', path: dir });
      }
      entries.set(path, { type: 'blob', path });
    } else if (parts.length === 1) {
      entries.set(path, { type: 'blob', path });
    } else {
      const dir = [prefix, parts[0]].filter(Boolean).join('/');
      entries.set(dir, { type: 'tree', path: dir });
    }
  }
  const items = [...entries.values()].sort((a, b) => a.path.localeCompare(b.path));
  sendOffsetPage(scope.req, scope.res, scope.query, items, e => ({
    id: e.type === 'blob' ? files.get(e.path)!.blobId : stableHex(40, project.id, ref, e.path),
    name: e.path.split('/').pop(),
    type: e.type,
    path: e.path,
    mode: e.type === 'tree' ? '040000' : files.get(e.path)!.mode,
  }));
}

export const REPOSITORY_ROUTES: Route<GitLabScope>[] = [
  { method: 'GET', pattern: '/projects/:id/repository/files/:filePath/raw', handle: (s, p) => readFile(s, p, true) },
  { method: 'GET', pattern: '/projects/:id/repository/files/:filePath', handle: (s, p) => readFile(s, p, false) },
  { method: 'GET', pattern: '/projects/:id/repository/commits', handle: listCommits },
  { method: 'POST', pattern: '/projects/:id/repository/commits', handle: createCommit },
  { method: 'GET', pattern: '/projects/:id/repository/commits/:sha', handle: showCommit },
  { method: 'GET', pattern: '/projects/:id/repository/branches', handle: listBranches },
  { method: 'GET', pattern: '/projects/:id/repository/branches/:branch', handle: showBranch },
  { method: 'GET', pattern: '/projects/:id/repository/tree', handle: listTree },
];

