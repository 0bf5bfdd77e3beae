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
import { parsePath, readParams, sendJson } from '../shared/http';
import { findRoute, Route } from '../shared/router';
import { UpstreamContext, UpstreamSimulator } from '../types';
import { ArgoCdCluster } from './ArgoCdCluster';
import { ARGOCD_VERSION_INFO } from './assumptions';
import { renderApplicationSets } from './applicationSets';
import { appNotFound, GrpcCode, permissionDenied, rbacDenied, writeArgoError, writeArgoFailure } from './errors';
import { parseFields, projectItem } from './fields';
import { ArgoApp } from './model';
import { registerArgoInstances } from './registry';
import { renderApplication, renderResourceTree } from './render';
import { renderProjects } from './projects';
import { parseLabelSelector } from './selector';
import { ArgoSessions, ArgoSubject } from './sessions';
import { streamApplications } from './stream';
import { sendApplicationPage } from './uiPage';

interface ArgoScope {
  req: IncomingMessage;
  res: ServerResponse;
  query: URLSearchParams;
  instance: ArgoCdCluster;
  subject: ArgoSubject;
  now: number;
  clock: () => number;
}

/**
 * Applies the 403-vs-404 rule: without a project, a missing app is
 * indistinguishable from one the caller may not see (403); with a project,
 * a missing app or one in another project is 404.
 */
function appOrError(scope: ArgoScope, name: string, project: string | undefined): ArgoApp | undefined {
  const app = scope.instance.apps.get(name);
  if (project === undefined || project === '') {
    if (!app) permissionDenied(scope.res);
    return app;
  }
  if (!app || app.project !== project) {
    appNotFound(scope.res, name);
    return undefined;
  }
  return app;
}

function listApplications(scope: ArgoScope): void {
  const { query, instance, now } = scope;
  // List wraps the parse error with fmt.Errorf, so it reaches the gateway as codes.Unknown (HTTP 500).
  const matches = appFilter(scope, text => [GrpcCode.Unknown, `error parsing the selector: unable to parse requirement: ${text}`]);
  if (!matches) return;
  const items = [...instance.apps.values()]
    .filter(matches)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map(app => renderApplication(instance, app, now));
  const metadata = { resourceVersion: String(instance.resourceVersion) };
  const projection = parseFields(query.getAll('fields'));
  const projected = projection ? items.map(item => projectItem(item, projection)) : items;
  // Go serialises an empty list as null, and Argo CD clients must cope with it.
  sendJson(scope.res, 200, { metadata, items: projected.length > 0 ? projected : null });
}

/** Filters shared by the list and the stream: projects, selector, name, repo. */
function appFilter(
  scope: ArgoScope,
  selectorError: (text: string) => [number, string] = text => [
    GrpcCode.InvalidArgument,
    `error parsing labels: unable to parse requirement: ${text}`,
  ],
): ((app: ArgoApp) => boolean) | undefined {
  const { query } = scope;
  const projects = [...query.getAll('projects'), ...query.getAll('project')].filter(Boolean);
  const selectorText = query.get('selector');
  const selector = selectorText ? parseLabelSelector(selectorText) : undefined;
  if (selectorText && !selector) {
    writeArgoError(scope.res, ...selectorError(selectorText));
    return undefined;
  }
  const name = query.get('name') ?? query.get('applicationName');
  const repo = query.get('repo');
  return app =>
    (projects.length === 0 || projects.includes(app.project)) &&
    (!selector || selector(app.labels)) &&
    (!name || app.name === name) &&
    (!repo || app.repoURL === repo);
}

function watchApplications(scope: ArgoScope, clock: () => number): void {
  const matches = appFilter(scope);
  if (matches) streamApplications(scope.req, scope.res, scope.instance, matches, clock);
}

function getApplication(scope: ArgoScope, params: Record<string, string>): void {
  const app = appOrError(scope, params.name, scope.query.get('project') ?? undefined);
  if (app) sendJson(scope.res, 200, renderApplication(scope.instance, app, scope.now, 'get'));
}

function resourceTree(scope: ArgoScope, params: Record<string, string>): void {
  const app = appOrError(scope, params.name, scope.query.get('project') ?? undefined);
  if (app) sendJson(scope.res, 200, renderResourceTree(scope.instance, app, scope.now));
}

async function readBodyOr400(scope: ArgoScope): Promise<Record<string, unknown> | undefined> {
  const body = await readParams(scope.req);
  if (!body) writeArgoError(scope.res, GrpcCode.InvalidArgument, 'invalid character in request body');
  return body;
}

function refusal(scope: ArgoScope, reason: string, app: ArgoApp, id?: number): void {
  if (reason === 'in-progress') {
    writeArgoError(scope.res, GrpcCode.FailedPrecondition, 'another operation is already in progress');
  } else if (reason === 'auto-sync') {
    writeArgoError(scope.res, GrpcCode.FailedPrecondition, 'rollback cannot be initiated when auto-sync is enabled');
  } else {
    writeArgoError(scope.res, GrpcCode.InvalidArgument, `application ${app.name} does not have deployment with id ${id}`);
  }
}

async function syncApplication(scope: ArgoScope, params: Record<string, string>): Promise<void> {
  const body = await readBodyOr400(scope);
  if (!body) return;
  const app = appOrError(scope, params.name, typeof body.project === 'string' ? body.project : undefined);
  if (!app) return;
  // Sync reads the app with `get` rights first, so a reader learns which right it lacks.
  if (scope.subject.role !== 'admin') {
    rbacDenied(scope.res, {
      resource: 'applications',
      action: 'sync',
      object: `${app.project}/${app.name}`,
      sub: scope.subject.sub,
      issuedAt: scope.subject.issuedAt,
    });
    return;
  }
  const refused = scope.instance.startSync(app, {
    revision: typeof body.revision === 'string' ? body.revision : undefined,
    dryRun: body.dryRun === true,
    prune: body.prune === true,
    username: scope.subject.username,
  });
  if (refused) {
    refusal(scope, refused, app);
    return;
  }
  sendJson(scope.res, 200, renderApplication(scope.instance, app, scope.now));
}

async function rollbackApplication(scope: ArgoScope, params: Record<string, string>): Promise<void> {
  const body = await readBodyOr400(scope);
  if (!body) return;
  const app = appOrError(scope, params.name, typeof body.project === 'string' ? body.project : undefined);
  if (!app) return;
  // Rollback reads the app with `sync` rights: without them, the plain denial that hides whether it exists.
  if (scope.subject.role !== 'admin') {
    permissionDenied(scope.res);
    return;
  }
  const id = Number(body.id ?? 0);
  const refused = scope.instance.startRollback(app, id, {
    dryRun: body.dryRun === true,
    prune: body.prune === true,
    username: scope.subject.username,
  });
  if (refused) {
    refusal(scope, refused, app, id);
    return;
  }
  sendJson(scope.res, 200, renderApplication(scope.instance, app, scope.now));
}

function terminateOperation(scope: ArgoScope, params: Record<string, string>): void {
  const app = appOrError(scope, params.name, scope.query.get('project') ?? undefined);
  if (!app) return;
  if (scope.subject.role !== 'admin') {
    permissionDenied(scope.res);
    return;
  }
  if (!scope.instance.terminate(app)) {
    writeArgoError(scope.res, GrpcCode.InvalidArgument, 'Unable to terminate operation. No operation is in progress');
    return;
  }
  sendJson(scope.res, 200, {});
}

function userInfo(scope: ArgoScope): void {
  sendJson(scope.res, 200, { loggedIn: true, username: scope.subject.username, iss: 'argocd' });
}

function listProjects(scope: ArgoScope): void {
  const metadata = { resourceVersion: String(scope.instance.resourceVersion) };
  sendJson(scope.res, 200, { metadata, items: renderProjects(scope.instance) });
}

function getProject(scope: ArgoScope, params: Record<string, string>): void {
  const project = renderProjects(scope.instance).find(p => p.metadata.name === params.name);
  if (!project) {
    writeArgoError(scope.res, GrpcCode.NotFound, `appprojects.argoproj.io "${params.name}" not found`);
    return;
  }
  sendJson(scope.res, 200, project);
}

function listApplicationSets(scope: ArgoScope): void {
  const { query, instance, now } = scope;
  const selectorText = query.get('selector');
  const selector = selectorText ? parseLabelSelector(selectorText) : undefined;
  if (selectorText && !selector) {
    // The server wraps the parse error with fmt.Errorf, so it loses its gRPC code.
    writeArgoError(scope.res, GrpcCode.Unknown, `error parsing the selector: unable to parse requirement: ${selectorText}`);
    return;
  }
  const projects = query.getAll('projects').filter(Boolean);
  const namespace = query.get('appsetNamespace');
  const items = renderApplicationSets(instance, now).filter(
    set =>
      (projects.length === 0 || projects.includes(set.spec.template.spec.project)) &&
      (!selector || selector(set.metadata.labels)) &&
      (!namespace || namespace === set.metadata.namespace),
  );
  const metadata = { resourceVersion: String(instance.resourceVersion) };
  sendJson(scope.res, 200, { metadata, items: items.length > 0 ? items : null });
}

function getApplicationSet(scope: ArgoScope, params: Record<string, string>): void {
  const set = renderApplicationSets(scope.instance, scope.now).find(s => s.metadata.name === params.name);
  if (!set) {
    writeArgoError(
      scope.res,
      GrpcCode.NotFound,
      `error getting ApplicationSet: applicationset.argoproj.io "${params.name}" not found`,
    );
    return;
  }
  sendJson(scope.res, 200, set);
}

const ROUTES: Route<ArgoScope>[] = [
  { method: 'GET', pattern: '/api/v1/applications', handle: listApplications },
  { method: 'GET', pattern: '/api/v1/applications/:name', handle: getApplication },
  { method: 'GET', pattern: '/api/v1/applications/:name/resource-tree', handle: resourceTree },
  { method: 'POST', pattern: '/api/v1/applications/:name/sync', handle: syncApplication },
  { method: 'POST', pattern: '/api/v1/applications/:name/rollback', handle: rollbackApplication },
  { method: 'DELETE', pattern: '/api/v1/applications/:name/operation', handle: terminateOperation },
  { method: 'GET', pattern: '/api/v1/session/userinfo', handle: userInfo },
  { method: 'GET', pattern: '/api/v1/projects', handle: listProjects },
  { method: 'GET', pattern: '/api/v1/projects/:name', handle: getProject },
  { method: 'GET', pattern: '/api/v1/applicationsets', handle: listApplicationSets },
  { method: 'GET', pattern: '/api/v1/applicationsets/:name', handle: getApplicationSet },
  { method: 'GET', pattern: '/api/v1/stream/applications', handle: scope => watchApplications(scope, scope.clock) },
];

function notFound(res: ServerResponse): void {
  writeArgoError(res, GrpcCode.NotFound, 'Not Found');
}

/** Argo CD's REST API, one instance per cluster, mounted at `/argocd/<cluster>`. */
export function createArgoCdSimulator(ctx: UpstreamContext): UpstreamSimulator {
  const instances = new Map<string, ArgoCdCluster>();
  registerArgoInstances(ctx.control, instances);
  const sessions = new ArgoSessions(ctx.credentials, ctx.clock);

  function instanceFor(cluster: string): ArgoCdCluster | undefined {
    let instance = instances.get(cluster);
    if (!instance) {
      const spec = ctx.fleet.clusters.find(c => c.name === cluster);
      if (!spec) return undefined;
      instance = new ArgoCdCluster(ctx, spec);
      instances.set(cluster, instance);
    }
    return instance;
  }

  const stopTicks = ctx.clock.onTick(now => {
    for (const instance of instances.values()) {
      instance.reconcile(now.getTime());
      instance.notifyTick();
    }
  });
  const stopFaults = ctx.control.onFaultsChanged(cluster => instances.get(cluster)?.onFaultsChanged());

  async function handle(req: IncomingMessage, res: ServerResponse, path: string, cluster?: string): Promise<void> {
    const method = req.method ?? 'GET';
    const proceed = await applyBehaviour(ctx.control, req, res, {
      upstream: 'argocd',
      cluster: cluster ?? '*',
      verb: method,
      writeError: writeArgoFailure,
    });
    if (!proceed) return;
    const instance = cluster ? instanceFor(cluster) : undefined;
    if (!instance) {
      notFound(res);
      return;
    }
    const { segments, query } = parsePath(path);
    const route = segments.join('/');
    if (method === 'GET' && segments[0] === 'applications' && segments.length === 3) {
      sendApplicationPage(res, instance, segments[1], segments[2], ctx.clock.now().getTime());
      return;
    }
    if (method === 'GET' && route === 'api/version') {
      sendJson(res, 200, ARGOCD_VERSION_INFO[instance.version]);
      return;
    }
    if (route === 'api/v1/session' && method === 'POST') {
      const body = await readParams(req);
      const token = body ? sessions.login(body.username, body.password) : undefined;
      if (!token) {
        writeArgoError(res, GrpcCode.Unauthenticated, 'Invalid username or password');
        return;
      }
      sendJson(res, 200, { token });
      return;
    }
    if (route === 'api/v1/session' && method === 'DELETE') {
      sendJson(res, 200, {}, { 'Set-Cookie': 'argocd.token=; path=/; Max-Age=0' });
      return;
    }
    const token = sessions.tokenOf(req);
    if (!token) {
      writeArgoError(res, GrpcCode.Unauthenticated, 'no session information');
      return;
    }
    const session = sessions.check(token);
    if (!session.ok) {
      writeArgoError(res, GrpcCode.Unauthenticated, session.message);
      return;
    }
    const now = ctx.clock.now().getTime();
    instance.reconcile(now);
    const found = findRoute(ROUTES, method, segments);
    if (!('route' in found)) {
      if (found.pathExists) {
        writeArgoError(res, GrpcCode.Unimplemented, 'Not Implemented');
      } else {
        notFound(res);
      }
      return;
    }
    const clock = () => ctx.clock.now().getTime();
    const { ok: _ok, ...subject } = session;
    await found.route.handle({ req, res, query, instance, subject, now, clock }, found.params);
  }

  return {
    id: 'argocd',
    mount: 'argocd',
    perCluster: true,
    handle,
    close: () => {
      stopTicks();
      stopFaults();
    },
  };
}
