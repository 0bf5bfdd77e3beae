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

import { IncomingMessage, ServerResponse } from 'node:http';
import { applyBehaviour } from '../../control/applyBehaviour';
import { bearerToken, headerValue } from '../shared/auth';
import { parsePath, sendJson } from '../shared/http';
import { findRoute } from '../shared/router';
import { UpstreamContext, UpstreamSimulator } from '../types';
import { DEFAULT_RATE_LIMIT, INSUFFICIENT_SCOPE } from './assumptions';
import { gitlabMessage, notFound, unauthorized, writeGitLabError } from './errors';
import { matchGitRequest, serveGit } from './git/gitHttp';
import { GitLabState } from './GitLabState';
import { PIPELINE_ROUTES } from './pipelineRoutes';
import { serveProjectPage } from './projectPages';
import { ANONYMOUS_ROUTES, PROJECT_ROUTES } from './projectRoutes';
import { RateLimit, RateLimiter } from './rateLimiter';
import { GitLabRenderer } from './render';
import { REPOSITORY_ROUTES } from './repositoryRoutes';
import { RUNNER_ROUTES } from './runnerRoutes';
import { sendThrottled } from './throttled';
import { GitLabScope } from './scope';

export interface GitLabSimulatorOptions {
  /** Requests each client may make per window before it gets 429. */
  rateLimit?: RateLimit;
}

export interface GitLabSimulator extends UpstreamSimulator {
  readonly state: GitLabState;
  /** Changes the API rate limit and forgets the counts so far. */
  setRateLimit(limit: RateLimit): void;
}

const API_PREFIX = ['api', 'v4'];
const ROUTES = [...ANONYMOUS_ROUTES, ...PROJECT_ROUTES, ...PIPELINE_ROUTES, ...RUNNER_ROUTES, ...REPOSITORY_ROUTES];

/** GitLab REST v4, fleet-wide, mounted at `/gitlab` (so clients use `<sandbox>/gitlab` as host). */
export function createGitLabSimulator(
  ctx: UpstreamContext,
  options: GitLabSimulatorOptions = {},
): GitLabSimulator {
  const state = new GitLabState(ctx);
  const webUrl = `https://gitlab.${ctx.fleet.domain}`;
  const limiter = new RateLimiter(ctx.clock, options.rateLimit ?? DEFAULT_RATE_LIMIT);

  async function handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const method = req.method ?? 'GET';
    const proceed = await applyBehaviour(ctx.control, req, res, {
      upstream: 'gitlab',
      cluster: '*',
      verb: method,
      // An injected 429 is Rack::Attack's, as a real throttle's would be.
      writeError: (out, status) =>
        status === 429
          ? sendThrottled(out, 'throttle_authenticated_api', limiter.exhausted('injected'), limiter.periodSeconds)
          : writeGitLabError(out, status),
    });
    if (!proceed) return;

    const { segments, query } = parsePath(path);
    const git = matchGitRequest(segments, query);
    if (git) {
      await serveGit(state, git, req, res);
      return;
    }
    if (method === 'GET' && segments[0] !== API_PREFIX[0] && serveProjectPage(state, segments, res, gitUrlOf(req) ?? webUrl)) {
      return;
    }

    const token = headerValue(req, 'private-token') ?? bearerToken(req);
    const viewer = state.userByToken(token);
    const throttle = viewer
      ? limiter.hit(`user:${viewer.id}`)
      : limiter.hit(`ip:${req.socket.remoteAddress ?? 'unknown'}`);
    if (!throttle.allowed) {
      sendThrottled(res, viewer ? 'throttle_authenticated_api' : 'throttle_unauthenticated_api', throttle, limiter.periodSeconds);
      return;
    }

    if (segments[0] !== API_PREFIX[0] || segments[1] !== API_PREFIX[1]) {
      notFound(res);
      return;
    }
    const apiSegments = segments.slice(2);
    // A token that was sent but is not known is always refused, even where anonymous reads work.
    if (token !== undefined && !viewer) {
      unauthorized(res);
      return;
    }
    const anonymous = findRoute(ANONYMOUS_ROUTES, method, apiSegments);
    if (!viewer && !('route' in anonymous)) {
      unauthorized(res);
      return;
    }
    if (method !== 'GET' && method !== 'HEAD' && state.isReadOnlyToken(token)) {
      sendJson(res, 403, INSUFFICIENT_SCOPE);
      return;
    }
    const found = findRoute(ROUTES, method, apiSegments);
    if (!('route' in found)) {
      if (found.pathExists) {
        gitlabMessage(res, 405, '405 Method Not Allowed');
      } else {
        sendJson(res, 404, { error: '404 Not Found' });
      }
      return;
    }
    const render = new GitLabRenderer(state, webUrl, gitUrlOf(req));
    const scope: GitLabScope = { req, res, query, viewer, state, render };
    await found.route.handle(scope, found.params);
  }

  return {
    id: 'gitlab',
    mount: 'gitlab',
    perCluster: false,
    state,
    handle,
    setRateLimit: limit => limiter.configure(limit),
    close: () => state.repositories.close(),
  };
}

/** The simulator's own base URL as the client reached it, so clone URLs work from where the API was called. */
function gitUrlOf(req: IncomingMessage): string | undefined {
  const host = req.headers.host;
  if (!host) return undefined;
  const secure = Boolean((req.socket as { encrypted?: boolean }).encrypted);
  return `${secure ? 'https' : 'http'}://${host}/gitlab`;
}
