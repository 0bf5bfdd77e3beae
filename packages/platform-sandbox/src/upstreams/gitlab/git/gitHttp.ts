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


import { execFile, spawn } from 'node:child_process';
import { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { basicCredentials } from '../../shared/auth';
import { sendText } from '../../shared/http';
import { GitLabState } from '../GitLabState';
import { GitLabProject, GitLabUser } from '../types';
import { GIT_DEADLINE_MS, gitEnvironment } from './runGit';

type GitService = 'git-upload-pack' | 'git-receive-pack';

/** A request of git's smart HTTP protocol: `/<namespace>/<project>.git/...`. */
export interface GitRequest {
  projectPath: string;
  /** What follows the repository: `info/refs`, `git-upload-pack` or `git-receive-pack`. */
  endpoint: string;
  service: GitService | undefined;
}

const SERVICES: GitService[] = ['git-upload-pack', 'git-receive-pack'];

/** Recognises smart-HTTP paths; the `.git` suffix is optional, as on GitLab. */
export function matchGitRequest(segments: string[], query: URLSearchParams): GitRequest | undefined {
  let endpointLength = 0;
  if (segments.length >= 2 && segments[segments.length - 2] === 'info' && segments[segments.length - 1] === 'refs') {
    endpointLength = 2;
  } else if (SERVICES.includes(segments[segments.length - 1] as GitService)) {
    endpointLength = 1;
  }
  const repository = segments.slice(0, segments.length - endpointLength);
  if (endpointLength === 0 || repository.length < 2 || repository[0] === 'api') return undefined;
  const endpoint = segments.slice(segments.length - endpointLength).join('/');
  const service = (endpointLength === 2 ? query.get('service') : endpoint) as GitService | undefined;
  return {
    projectPath: repository.join('/').replace(/\.git$/, ''),
    endpoint,
    service: service && SERVICES.includes(service) ? service : undefined,
  };
}

const NOT_FOUND = "The project you were looking for could not be found or you don't have permission to view it.";
const ACCESS_DENIED =
  'HTTP Basic: Access denied. If a password was provided for Git authentication, the password was incorrect or ' +
  "you're required to use a token instead of a password.";

function askForCredentials(res: ServerResponse, message = ACCESS_DENIED): void {
  sendText(res, 401, message, { 'WWW-Authenticate': 'Basic realm="GitLab"' });
}

let backendPath: Promise<string> | undefined;

/** `git-http-backend` next to the installed git, found once with `git --exec-path`. */
function httpBackend(): Promise<string> {
  backendPath ??= new Promise((resolve, reject) => {
    execFile('git', ['--exec-path'], { env: gitEnvironment(), timeout: GIT_DEADLINE_MS }, (error, stdout) => {
      if (error) reject(error);
      else resolve(path.join(stdout.trim(), 'git-http-backend'));
    });
  });
  return backendPath;
}

/** Only admins push anywhere; everyone else pushes to projects in their own namespace. */
function canPush(user: GitLabUser, project: GitLabProject): boolean {
  return user.isAdmin || (project.namespace.kind === 'user' && project.namespace.id === user.id);
}

/**
 * Answers git's smart HTTP with GitLab's rules: HTTP Basic with any user name
 * and a personal access token as password; anonymous clones of public
 * projects only; 404 for a project the token cannot see. The protocol itself
 * is the real `git http-backend` over the project's bare repository.
 */
export async function serveGit(
  state: GitLabState,
  request: GitRequest,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const credentials = basicCredentials(req);
  const viewer = credentials ? state.userByToken(credentials.password) : undefined;
  if (credentials && !viewer) {
    askForCredentials(res);
    return;
  }
  if (!request.service) {
    sendText(res, 403, 'Dumb HTTP protocol is not supported; use a git client that speaks smart HTTP.');
    return;
  }
  const project = state.findProject(request.projectPath, viewer);
  if (!project) {
    // Without credentials GitLab asks for them rather than say whether the project exists.
    if (viewer) sendText(res, 404, NOT_FOUND);
    else askForCredentials(res);
    return;
  }
  const pushing = request.service === 'git-receive-pack';
  if (pushing || project.visibility !== 'public') {
    if (!viewer) {
      askForCredentials(res);
      return;
    }
  }
  if (pushing && (state.isReadOnlyToken(credentials?.password) || !canPush(viewer!, project))) {
    sendText(res, 403, 'You are not allowed to push code to this project.');
    return;
  }
  const run = () => runHttpBackend(state, project, request, req, res, viewer);
  if (pushing && req.method === 'POST') {
    await state.repositories.serialised(project.id, run);
  } else {
    await run();
  }
}

async function runHttpBackend(
  state: GitLabState,
  project: GitLabProject,
  request: GitRequest,
  req: IncomingMessage,
  res: ServerResponse,
  viewer: GitLabUser | undefined,
): Promise<void> {
  const query = new URL(req.url ?? '/', 'http://sandbox').search.slice(1);
  const header = (name: string) => {
    const value = req.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const env = gitEnvironment({
    GIT_PROJECT_ROOT: state.repositories.root,
    GIT_HTTP_EXPORT_ALL: '1',
    PATH_INFO: `/${project.id}.git/${request.endpoint}`,
    REQUEST_METHOD: req.method ?? 'GET',
    QUERY_STRING: query,
    CONTENT_TYPE: header('content-type') ?? '',
    REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
    // http-backend only accepts pushes from an authenticated user.
    REMOTE_USER: viewer?.username ?? '',
    ...(header('content-length') !== undefined ? { CONTENT_LENGTH: header('content-length')! } : {}),
    ...(header('content-encoding') ? { HTTP_CONTENT_ENCODING: header('content-encoding')! } : {}),
    ...(header('git-protocol') ? { HTTP_GIT_PROTOCOL: header('git-protocol')! } : {}),
  });
  const child = spawn(await httpBackend(), [], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  const timer = setTimeout(() => child.kill('SIGKILL'), GIT_DEADLINE_MS);
  const stderr: Buffer[] = [];
  child.stderr.on('data', chunk => stderr.push(chunk));
  child.stdin.on('error', () => undefined);
  req.pipe(child.stdin);

  let headerBytes = Buffer.alloc(0);
  let headersDone = false;
  child.stdout.on('data', (chunk: Buffer) => {
    if (headersDone) {
      if (!res.write(chunk)) {
        child.stdout.pause();
        res.once('drain', () => child.stdout.resume());
      }
      return;
    }
    headerBytes = Buffer.concat([headerBytes, chunk]);
    const end = headerEnd(headerBytes);
    if (!end) return;
    headersDone = true;
    const { status, headers } = parseCgiHeaders(headerBytes.subarray(0, end.index).toString('latin1'));
    res.writeHead(status, headers);
    const rest = headerBytes.subarray(end.index + end.length);
    if (rest.length > 0) res.write(rest);
  });

  const exitCode = await new Promise<number | null>(resolve => {
    child.on('error', () => resolve(null));
    child.on('close', code => resolve(code));
  });
  clearTimeout(timer);
  if (!headersDone) {
    if (!res.headersSent) {
      sendText(res, 500, `git http-backend failed: ${Buffer.concat(stderr).toString('utf8').trim() || 'no output'}`);
    } else {
      res.end();
    }
    return;
  }
  if (exitCode === 0 && request.endpoint === 'git-receive-pack' && req.method === 'POST') {
    // The client sees the push end only once the REST API shows it.
    await state.refreshFromRepository(project, viewer!.id).catch(() => undefined);
  }
  res.end();
}

function headerEnd(bytes: Buffer): { index: number; length: number } | undefined {
  const crlf = bytes.indexOf('\r\n\r\n');
  const lf = bytes.indexOf('\n\n');
  if (crlf !== -1 && (lf === -1 || crlf < lf)) return { index: crlf, length: 4 };
  if (lf !== -1) return { index: lf, length: 2 };
  return undefined;
}

/** CGI response headers: `Status: 404 Not Found` sets the status, the rest pass through. */
function parseCgiHeaders(text: string): { status: number; headers: Record<string, string> } {
  let status = 200;
  const headers: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === 'status') status = Number(value.split(' ')[0]) || 500;
    else headers[name] = value;
  }
  return { status, headers };
}
