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


import { ServerResponse } from 'node:http';
import { sendText } from '../shared/http';
import { fullPath, GitLabState } from './GitLabState';
import { GitLabProject } from './types';

/**
 * A bare-bones stand-in for GitLab's web pages of a project, so the links a
 * scaffolder task prints (`<project>`, `<project>/-/blob/<ref>/<path>`,
 * `<project>/-/tree/<ref>`) open something in the browser: the files, the
 * latest commits and the clone URL. Signed-out visitors see public and
 * internal projects, never private ones.
 */
export function serveProjectPage(state: GitLabState, segments: string[], res: ServerResponse, gitUrl: string): boolean {
  const marker = segments.indexOf('-');
  const projectSegments = marker === -1 ? segments : segments.slice(0, marker);
  if (projectSegments.length < 2) return false;
  const project = state.findProject(projectSegments.join('/'), state.users[0]);
  if (!project || project.visibility === 'private') return false;
  const [view, ref = project.defaultBranch, ...rest] = marker === -1 ? [] : segments.slice(marker + 1);
  if (view === 'blob' && rest.length > 0) return blobPage(project, ref, rest.join('/'), res);
  if (view === undefined || view === 'tree') return treePage(project, ref, gitUrl, res);
  return false;
}

const escape = (text: string) =>
  text.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(res: ServerResponse, title: string, body: string): true {
  sendText(
    res,
    200,
    `<!doctype html><html><head><meta charset="utf-8"><title>${escape(title)} · GitLab (sandbox)</title></head>` +
      `<body style="font-family:sans-serif;max-width:60em;margin:2em auto">` +
      `<p><em>Simulated GitLab of the platform sandbox.</em></p>${body}</body></html>`,
    { 'Content-Type': 'text/html; charset=utf-8' },
  );
  return true;
}

function projectBase(project: GitLabProject): string {
  // Relative to the mount, so the links work whatever address the sandbox has.
  return `/gitlab/${fullPath(project).split('/').map(encodeURIComponent).join('/')}`;
}

function treePage(project: GitLabProject, ref: string, gitUrl: string, res: ServerResponse): boolean {
  const files = project.branches.get(ref);
  const commits = project.commits.get(ref) ?? [];
  const base = projectBase(project);
  let listing = `<p>No branch ${escape(ref)}.</p>`;
  if (project.branches.size === 0) listing = '<p>The repository is empty.</p>';
  if (files) {
    const items = [...files.keys()].sort().map(p => {
      const href = `${base}/-/blob/${encodeURIComponent(ref)}/${p.split('/').map(encodeURIComponent).join('/')}`;
      return `<li><a href="${href}">${escape(p)}</a></li>`;
    });
    listing = `<h2>Files on ${escape(ref)}</h2><ul>${items.join('')}</ul>`;
  }
  const history = commits
    .slice(0, 20)
    .map(c => `<li><code>${c.shortId}</code> ${escape(c.title)} — ${escape(c.authorName)}, ${c.createdAt}</li>`)
    .join('');
  const description = project.description ? `<p>${escape(project.description)}</p>` : '';
  const clone = `<p>Clone: <code>${escape(`${gitUrl}/${fullPath(project)}.git`)}</code></p>`;
  const commitList = history ? `<h2>Commits</h2><ul>${history}</ul>` : '';
  return page(res, fullPath(project), `<h1>${escape(fullPath(project))}</h1>${description}${clone}${listing}${commitList}`);
}

function blobPage(project: GitLabProject, ref: string, filePath: string, res: ServerResponse): boolean {
  const file = project.branches.get(ref)?.get(filePath);
  if (!file) return false;
  return page(
    res,
    `${filePath} · ${fullPath(project)}`,
    `<h1><a href="${projectBase(project)}">${escape(fullPath(project))}</a> / ${escape(filePath)}</h1>` +
      `<p>${escape(ref)}, last changed in <code>${file.lastCommitId.slice(0, 8)}</code></p>` +
      `<pre style="background:#f6f6f6;padding:1em;overflow:auto">${escape(file.content.toString('utf8'))}</pre>`,
  );
}
