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
import { applyBehaviour } from '../control/applyBehaviour';
import { Behaviour, ControlState } from '../control/ControlState';
import { SimClock } from '../control/SimClock';
import { nonResourceAllowed, selfSubjectAccessReview } from './accessReview';
import { forbidden, forbiddenPath, RbacAuthorizer, RequestAttributes, UserInfo } from './authz';
import { readRawBody } from './body';
import { decodeProtobufObject, isProtobuf } from './protobuf';
import { toServedVersion } from './conversion';
import {
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
  openApiDocument,
  openApiIndex,
  versionInfo,
} from './discovery';
import { serveHealth } from './health';
import { withSchemas } from './openApiSchemas';
import { nodeMetrics, podMetrics } from './metrics';
import { KubeObject } from './objects';
import { OperationContext, OperationResult } from './operationContext';
import { followedLine, podLog, podLogFollows } from './podLogs';
import { findObject, getObject, listObjects } from './readOperations';
import { parseResourcePath, ResourceRequest } from './requestInfo';
import { apiVersionOf, groupResource, ResourceRegistry, ResourceType } from './resources';
import { parseFieldSelector, parseLabelSelector } from './selectors';
import { encodeContinue } from './paging';
import { ApiError, badRequest, internalError, notFound, pathNotFound, statusForCode, unauthorized } from './status';
import { ObjectStore } from './store';
import { serveWatch } from './watch';
import { createObject, deleteCollection, deleteObject, patchObject, updateObject } from './writeOperations';
import { toTable, wantsTable } from './table';
import { writeGone, writeJson, writePageNotFound, writeStatus } from './responses';

export { writeJson, writeStatus } from './responses';

export interface KubeApiServerOptions {
  cluster: string;
  /** e.g. `v1.33.4` or `v1.33.4+rke2r1`. */
  gitVersion: string;
  store: ObjectStore;
  control: ControlState;
  clock: SimClock;
  /** Bearer token to user, for this cluster. */
  tokens: ReadonlyMap<string, UserInfo>;
  /** host:port the API is reached on, for /api serverAddressByClientCIDRs. */
  serverAddress: string;
  /** Path prefix the API is mounted under, e.g. `/k8s/prod-eu-1`. */
  prefix: string;
  registry?: ResourceRegistry;
  bookmarkIntervalMs?: number;
  /** Upstream's OpenAPI v3 documents for the built-in groups. */
  openApiSpecDir?: string;
}

const WRITE_VERBS = new Set(['create', 'update', 'patch', 'delete', 'deletecollection']);

/** The Kubernetes API of one simulated cluster, over its object store. */
export class KubeApiServer {
  readonly registry: ResourceRegistry;
  readonly authorizer: RbacAuthorizer;

  constructor(private readonly options: KubeApiServerOptions) {
    this.registry = options.registry ?? new ResourceRegistry();
    this.authorizer = new RbacAuthorizer(options.store);
  }

  get store(): ObjectStore {
    return this.options.store;
  }

  /** Answers one request; `path` is relative to the prefix and keeps its query string. */
  async handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const url = new URL(path, 'http://sandbox.invalid');
    const method = req.method ?? 'GET';
    const watch = ['1', 'true'].includes(url.searchParams.get('watch') ?? '');
    const request = parseResourcePath(method, url.pathname, watch);
    const passed = await applyBehaviour(this.options.control, req, res, {
      upstream: 'kubernetes',
      cluster: this.options.cluster,
      verb: request?.verb ?? method.toLowerCase(),
      writeError: (r, status) => writeStatus(r, statusForCode(status)),
    });
    if (!passed) return;
    const behaviour = this.options.control.behaviourFor('kubernetes', this.options.cluster);
    if (behaviour.gone && (request?.verb === 'list' || request?.verb === 'watch')) {
      writeGone(res, request.verb, url.searchParams);
      return;
    }
    try {
      await this.route(req, res, url, request, behaviour);
    } catch (error) {
      const apiError = error instanceof ApiError ? error : internalError(error instanceof Error ? error.message : String(error));
      if (res.headersSent) res.end();
      else writeStatus(res, apiError);
    }
  }

  /**
   * Impersonate-User (and Impersonate-Group): whoever may impersonate users
   * acts as that user; anyone else is refused in the words of upstream's
   * constrained impersonation check.
   */
  private impersonate(req: IncomingMessage, user: UserInfo, attrs: RequestAttributes): UserInfo {
    const target = req.headers['impersonate-user'];
    if (target === undefined) return user;
    const username = String(target);
    // One group per header line, taken whole as Go's http.Header keeps it: a
    // comma inside a line is part of the name, never a separator.
    const groups = (req.headersDistinct['impersonate-group'] ?? []).filter(g => g !== '');
    const may =
      this.authorizer.allowed(user, { verb: 'impersonate', group: '', resource: 'users', name: username }) &&
      groups.every(name => this.authorizer.allowed(user, { verb: 'impersonate', group: '', resource: 'groups', name }));
    if (!may) throw forbidden(user, { ...attrs, verb: `impersonate-on:user-info:${attrs.verb}` });
    return { username, groups: [...groups, 'system:authenticated'] };
  }

  private authenticate(req: IncomingMessage): UserInfo {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    const user = match ? this.options.tokens.get(match[1].trim()) : undefined;
    if (!user) throw unauthorized();
    return user;
  }

  private async route(req: IncomingMessage, res: ServerResponse, url: URL, request: ResourceRequest | undefined, behaviour: Behaviour): Promise<void> {
    const pathname = url.pathname.replace(/\/+$/, '') || '/';
    if (serveHealth(req, res, pathname, url.searchParams)) return;
    if (pathname === '/version') {
      writeJson(res, 200, versionInfo(this.options.gitVersion));
      return;
    }
    const user = this.authenticate(req);
    if (!request) {
      const verb = (req.method ?? 'GET').toLowerCase();
      if (!nonResourceAllowed(user, pathname, verb)) throw forbiddenPath(user, verb, pathname);
      const body = this.discovery(pathname);
      if (!body) throw pathNotFound();
      writeJson(res, 200, body);
      return;
    }
    const type = this.registry.find(request.group, request.version, request.resource);
    if (!type) {
      // A group version nobody serves falls through upstream's API handlers to the plain mux 404.
      const served = this.registry.groupVersions().some(g => g.group === request.group && g.versions.includes(request.version));
      if (!served) {
        writePageNotFound(res);
        return;
      }
      throw pathNotFound();
    }
    if (request.subresource && !type.subresources.includes(request.subresource as never)) throw pathNotFound();
    if (type.namespaced === false && request.namespace) throw pathNotFound();
    const attrs = { ...request, resource: type.plural };
    const actor = this.impersonate(req, user, attrs);
    const body = WRITE_VERBS.has(request.verb) ? await this.readJsonBody(req, type) : undefined;
    if (type.kind === 'SelfSubjectAccessReview') {
      if (request.verb !== 'create') throw new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
      writeJson(res, 201, selfSubjectAccessReview(this.authorizer, actor, body ?? ''));
      return;
    }
    if (!this.authorizer.allowed(actor, attrs)) throw forbidden(actor, attrs);
    const dryRun = url.searchParams.getAll('dryRun');
    if (dryRun.some(v => v !== 'All')) {
      throw badRequest(`dryRun: Unsupported value: "${dryRun.find(v => v !== 'All')}": supported values: "All"`);
    }
    const ctx: OperationContext = {
      type,
      request,
      query: url.searchParams,
      store: this.options.store,
      now: () => this.options.clock.now(),
      user: actor,
      userAgent: String(req.headers['user-agent'] ?? ''),
      contentType: String(req.headers['content-type'] ?? ''),
      body,
    };
    if (request.verb === 'watch') {
      this.watch(req, res, ctx);
      if (behaviour.dropWatches) {
        // Cut the stream once its first events are out, without the closing chunk, as a dying proxy does.
        setTimeout(() => req.socket.destroy(), 50);
      }
      return;
    }
    if (request.subresource === 'log') {
      if (request.verb !== 'get') throw new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
      const pod = findObject(ctx);
      const text = podLog(pod, url.searchParams, this.options.clock.now());
      if (podLogFollows(pod, url.searchParams)) {
        this.followLog(req, res, pod, url.searchParams, text);
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(text) });
      res.end(text);
      return;
    }
    const result = type.readOnly ? this.readMetrics(ctx) : this.operate(ctx);
    if (behaviour.endlessPaging && request.verb === 'list') {
      // A token past every key: the next page is empty and carries another token.
      const metadata = ((result.body as { metadata?: Record<string, unknown> }).metadata ??= {});
      metadata.continue = encodeContinue(this.store.resourceVersion, '\uffffendless');
    }
    const accept = String(req.headers.accept ?? '');
    const output = wantsTable(accept) && (request.verb === 'get' || request.verb === 'list') ? toTable(result.body, this.options.clock.now(), type.kind) : result.body;
    writeJson(res, result.status, output);
  }

  /**
   * pods/log with follow: the log so far, then a new line every second, chunked
   * as the kubelet streams it, until the client goes away.
   */
  private followLog(req: IncomingMessage, res: ServerResponse, pod: KubeObject, query: URLSearchParams, text: string): void {
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' });
    res.write(text);
    let n = 0;
    const timer = setInterval(() => res.write(followedLine(pod, query, this.options.clock.now(), n++)), 1000);
    const stop = () => clearInterval(timer);
    req.on('close', stop);
    res.on('close', stop);
  }

  /**
   * The request body as JSON text. Protobuf is understood for access reviews
   * (kubectl auth can-i), Namespaces and ConfigMaps; other protobuf bodies are a 415.
   */
  private async readJsonBody(req: IncomingMessage, type: ResourceType): Promise<string> {
    const raw = await readRawBody(req);
    const contentType = String(req.headers['content-type'] ?? '');
    if (!isProtobuf(contentType)) return raw.toString('utf8');
    const decoded = decodeProtobufObject(type.kind, raw);
    if (decoded) return JSON.stringify(decoded);
    // A real API server takes protobuf for every built-in kind: say what the sandbox lacks.
    throw new ApiError(415, 'UnsupportedMediaType', `the sandbox decodes protobuf bodies only for SelfSubjectAccessReview, Namespace and ConfigMap, not ${type.kind}; send it as JSON or YAML (kubectl apply -f, kubectl create -f)`);
  }

  private operate(ctx: OperationContext): OperationResult {
    switch (ctx.request.verb) {
      case 'get':
        return getObject(ctx);
      case 'list':
        return listObjects(ctx);
      case 'create':
        if (ctx.request.name) throw new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
        return createObject(ctx);
      case 'update':
        return updateObject(ctx);
      case 'patch':
        return patchObject(ctx);
      case 'delete':
        return deleteObject(ctx);
      case 'deletecollection':
        // Not served for namespaces upstream (see discovery), so a stray DELETE cannot empty a cluster.
        if (ctx.type.kind === 'Namespace' && ctx.type.group === '') throw new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
        return deleteCollection(ctx);
      default:
        throw badRequest(`unsupported verb ${ctx.request.verb}`);
    }
  }

  private readMetrics(ctx: OperationContext): OperationResult {
    const { request, type } = ctx;
    const now = this.options.clock.now();
    const all = type.kind === 'NodeMetrics' ? nodeMetrics(this.store, now) : podMetrics(this.store, now, request.namespace);
    if (request.verb === 'get') {
      const found = all.find(o => o.metadata.name === request.name);
      if (!found) throw notFound(type, request.name!);
      return { status: 200, body: found };
    }
    if (request.verb !== 'list') throw new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
    const labels = parseLabelSelector(ctx.query.get('labelSelector'));
    return {
      status: 200,
      body: {
        kind: `${type.kind}List`,
        apiVersion: 'metrics.k8s.io/v1beta1',
        metadata: {},
        items: all.filter(labels),
      },
    };
  }

  private watch(req: IncomingMessage, res: ServerResponse, ctx: OperationContext): void {
    const { query, type, request } = ctx;
    if (type.readOnly) throw new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
    const labels = parseLabelSelector(query.get('labelSelector'));
    const fields = parseFieldSelector(query.get('fieldSelector'), type.kind, type.group);
    const name = request.name;
    const rvParam = query.get('resourceVersion');
    const fromRv = rvParam && rvParam !== '0' ? Number(rvParam) : undefined;
    if (fromRv !== undefined && !Number.isInteger(fromRv)) throw badRequest(`invalid resource version: ${rvParam}`);
    const timeoutSeconds = Number(query.get('timeoutSeconds') ?? '1800');
    serveWatch(req, res, {
      store: this.store,
      resource: groupResource(type),
      namespace: request.namespace,
      matches: o => labels(o) && fields(o) && (!name || o.metadata.name === name),
      present: this.watchPresenter(type, request.version, String(req.headers.accept ?? '')),
      fromRv,
      bookmarks: query.get('allowWatchBookmarks') === 'true',
      bookmarkIntervalMs: this.options.bookmarkIntervalMs ?? 60_000,
      timeoutMs: (Number.isFinite(timeoutSeconds) && timeoutSeconds > 0 ? timeoutSeconds : 1800) * 1000,
      apiVersion: apiVersionOf(type.group, request.version),
      kind: type.kind,
    });
  }

  /**
   * How watch events carry objects: as the requested version, or as Tables
   * for `kubectl get -w` (column definitions only in the first event).
   */
  private watchPresenter(type: ResourceType, version: string, accept: string): (o: KubeObject) => KubeObject {
    if (!wantsTable(accept)) return o => toServedVersion(type, o, version);
    let first = true;
    return o => {
      const table = toTable(toServedVersion(type, o, version), this.options.clock.now(), type.kind) as KubeObject & { columnDefinitions?: unknown };
      if (!first) table.columnDefinitions = [];
      first = false;
      return table;
    };
  }

  private discovery(pathname: string): unknown {
    const parts = pathname.split('/').filter(p => p !== '');
    if (pathname === '/') return { paths: this.rootPaths() };
    if (pathname === '/api') return apiVersions(this.options.serverAddress);
    if (pathname === '/apis') return apiGroupList(this.registry);
    if (parts[0] === 'api' && parts.length === 2) return apiResourceList(this.registry, '', parts[1]);
    if (parts[0] === 'apis' && parts.length === 2) return apiGroup(this.registry, parts[1]);
    if (parts[0] === 'apis' && parts.length === 3) return apiResourceList(this.registry, parts[1], parts[2]);
    if (pathname === '/openapi/v3') return openApiIndex(this.registry, this.options.prefix);
    if (parts[0] === 'openapi' && parts[1] === 'v3') {
      const openApi = (group: string, version: string) =>
        withSchemas(openApiDocument(this.registry, group, version), group, version, this.store, this.options.openApiSpecDir);
      if (parts[2] === 'api' && parts.length === 4) return openApi('', parts[3]);
      if (parts[2] === 'apis' && parts.length === 5) return openApi(parts[3], parts[4]);
    }
    return undefined;
  }

  /** What `GET /` lists, as the API server's index handler does. */
  private rootPaths(): string[] {
    const groups = this.registry.groupVersions().flatMap(({ group, versions }) =>
      group ? [`/apis/${group}`, ...versions.map(v => `/apis/${group}/${v}`)] : versions.map(v => `/api/${v}`),
    );
    return ['/api', '/apis', ...groups, '/healthz', '/livez', '/openapi/v3', '/readyz', '/version'].sort();
  }

  /** Resource types, for controllers and tests. */
  typeOf(group: string, plural: string): ResourceType | undefined {
    return this.registry.types.find(t => t.group === group && t.plural === plural);
  }
}
