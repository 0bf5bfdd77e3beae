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
import { basicCredentials, sameSecret } from '../shared/auth';
import { faultsWithId } from '../shared/fleetFaults';
import { parsePath, sendEmpty, sendJson } from '../shared/http';
import { decodeSearchToken, searchPage } from './searchContinuation';
import { UpstreamContext, UpstreamSimulator } from '../types';
import {
  BAD_TOKEN_STATUS,
  COMPONENT_PAGE_SIZE,
  DEFAULT_SEARCH_PAGE_SIZE,
  REPOSITORY_REQUIRED,
  repositoryNotFound,
  SERVER_HEADER,
  WWW_AUTHENTICATE,
} from './assumptions';
import { buildCatalog, isWellFormedId, NexusAsset, NexusComponent, REPOSITORIES } from './catalog';
import { page, readToken } from './continuation';
import { NexusRenderer } from './render';
import { inRepository, searchComponents } from './search';
import { statusChecks } from './statusChecks';

export interface NexusSimulatorOptions {
  searchPageSize?: number;
}

const BLOB_STORE_BYTES = 2 * 1024 ** 4;

/** Nexus Repository 3 REST API, fleet-wide, mounted at `/nexus` (base path `/service/rest`). */
export function createNexusSimulator(ctx: UpstreamContext, options: NexusSimulatorOptions = {}): UpstreamSimulator {
  const searchPageSize = options.searchPageSize ?? DEFAULT_SEARCH_PAGE_SIZE;
  const catalog = buildCatalog(ctx.fleet, ctx.clock.now());
  const components: NexusComponent[] = catalog.components;
  const looseAssets: NexusAsset[] = catalog.looseAssets;

  const readOnly = () => faultsWithId(ctx.fleet, ctx.control, 'nexus-not-writable').length > 0;
  const blobStoreFull = () => faultsWithId(ctx.fleet, ctx.control, 'nexus-blobstore-full').length > 0;

  const render = new NexusRenderer(`https://nexus.${ctx.fleet.domain}`);
  const renderAsset = (a: NexusAsset) => render.asset(a);
  const renderComponent = (c: NexusComponent) => render.component(c);
  const allAssets = () => [...components.flatMap(c => c.assets), ...looseAssets];

  function repositoryOr4xx(res: ServerResponse, name: string | null): boolean {
    if (!name) {
      sendJson(res, 422, REPOSITORY_REQUIRED);
      return false;
    }
    if (!REPOSITORIES.some(r => r.name === name)) {
      sendJson(res, 404, repositoryNotFound(name));
      return false;
    }
    return true;
  }

  function listPaged<T, R>(res: ServerResponse, scope: string, items: T[], token: string | null, size: number, renderItem: (t: T) => R): void {
    const offset = readToken(scope, token);
    if (offset === undefined) {
      sendEmpty(res, BAD_TOKEN_STATUS);
      return;
    }
    const p = page(scope, items, offset, size);
    sendJson(res, 200, { items: p.items.map(renderItem), continuationToken: p.continuationToken });
  }

  /** Search pages: a token that is not this query's is a 406 without a body (WebappExceptionMapper drops it). */
  function searchPaged<T, R>(res: ServerResponse, scope: string, items: T[], token: string | null, size: number, renderItem: (t: T) => R): void {
    const offset = decodeSearchToken(scope, token);
    if (offset === undefined) {
      sendEmpty(res, 406);
      return;
    }
    const p = searchPage(scope, items, offset, size);
    sendJson(res, 200, { items: p.items.map(renderItem), continuationToken: p.continuationToken });
  }

  function authenticated(req: IncomingMessage): boolean {
    const creds = basicCredentials(req);
    return Boolean(creds && creds.username === ctx.credentials.nexusUsername && sameSecret(creds.password, ctx.credentials.nexusPassword));
  }

  async function handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const method = req.method ?? 'GET';
    const proceed = await applyBehaviour(ctx.control, req, res, {
      upstream: 'nexus',
      cluster: '*',
      verb: method,
      writeError: (r, status) => sendEmpty(r, status),
    });
    if (!proceed) return;
    res.setHeader('Server', SERVER_HEADER);
    const { segments, query } = parsePath(path);
    if (segments[0] !== 'service' || segments[1] !== 'rest' || segments[2] !== 'v1') {
      sendEmpty(res, 404);
      return;
    }
    const route = segments.slice(3);
    const joined = route.join('/');
    if (method === 'GET' && joined === 'status') {
      sendEmpty(res, 200);
      return;
    }
    if (method === 'GET' && joined === 'status/writable') {
      sendEmpty(res, readOnly() || blobStoreFull() ? 503 : 200);
      return;
    }
    if (!authenticated(req)) {
      sendEmpty(res, 401, { 'WWW-Authenticate': WWW_AUTHENTICATE });
      return;
    }
    const repository = query.get('repository');
    const token = query.get('continuationToken');
    if (method === 'GET' && joined === 'status/check') {
      sendJson(res, 200, statusChecks(ctx.clock.now(), { readOnly: readOnly(), blobStoreFull: blobStoreFull() }));
    } else if (method === 'GET' && joined === 'repositories') {
      sendJson(res, 200, REPOSITORIES.map(r => render.repository(r.name)));
    } else if (method === 'GET' && route[0] === 'repositories' && route.length === 4) {
      const [, format, type, name] = route;
      const r = REPOSITORIES.find(x => x.name === name && x.format === format && x.type === type);
      if (r) sendJson(res, 200, render.repositoryDetail(name));
      else sendEmpty(res, 404);
    } else if (method === 'GET' && joined === 'blobstores') {
      const used = Math.floor(BLOB_STORE_BYTES * 0.62);
      sendJson(res, 200, [{
        name: 'default', type: 'File', unavailable: false, blobCount: allAssets().length,
        totalSizeInBytes: blobStoreFull() ? BLOB_STORE_BYTES : used,
        availableSpaceInBytes: blobStoreFull() ? 0 : BLOB_STORE_BYTES - used,
        softQuota: { type: 'spaceRemainingQuota', limit: 50 * 1024 ** 3 },
      }]);
    } else if (method === 'GET' && joined === 'components') {
      if (!repositoryOr4xx(res, repository)) return;
      const items = components.filter(c => inRepository(c.repository, repository!));
      listPaged(res, `components|${repository}`, items, token, COMPONENT_PAGE_SIZE, renderComponent);
    } else if (method === 'GET' && joined === 'assets') {
      if (!repositoryOr4xx(res, repository)) return;
      const items = allAssets().filter(a => inRepository(a.repository, repository!));
      listPaged(res, `assets|${repository}`, items, token, COMPONENT_PAGE_SIZE, renderAsset);
    } else if ((route[0] === 'components' || route[0] === 'assets') && route.length === 2) {
      const id = route[1];
      if (!isWellFormedId(id)) {
        sendEmpty(res, 422);
        return;
      }
      const component = route[0] === 'components' ? components.find(c => c.id === id) : undefined;
      const assetFound = route[0] === 'assets' ? allAssets().find(a => a.id === id) : undefined;
      if (!component && !assetFound) {
        sendEmpty(res, 404);
      } else if (method === 'GET') {
        sendJson(res, 200, component ? renderComponent(component) : renderAsset(assetFound!));
      } else if (method === 'DELETE') {
        if (readOnly()) {
          sendJson(res, 503, { id: '*', message: 'Nexus Repository Manager is in read-only mode' });
          return;
        }
        if (component) components.splice(components.indexOf(component), 1);
        else {
          const owner = components.find(c => c.assets.includes(assetFound!));
          if (owner) owner.assets = owner.assets.filter(a => a !== assetFound);
          else looseAssets.splice(looseAssets.indexOf(assetFound!), 1);
        }
        sendEmpty(res, 204);
      } else {
        sendEmpty(res, 405);
      }
    } else if (method === 'GET' && (joined === 'search' || joined === 'search/assets' || joined === 'search/assets/download')) {
      const found = searchComponents(components, query);
      if (typeof found === 'string') {
        sendJson(res, 400, [{ id: '*', message: `Invalid parameter ${found}` }]);
        return;
      }
      if (repository && !REPOSITORIES.some(r => r.name === repository)) {
        sendJson(res, 200, { items: [], continuationToken: null });
        return;
      }
      const scope = `${joined}|${[...query.entries()].filter(([k]) => k !== 'continuationToken').sort().join('&')}`;
      if (joined === 'search') {
        searchPaged(res, scope, found, token, searchPageSize, renderComponent);
      } else if (joined === 'search/assets') {
        searchPaged(res, scope, found.flatMap(c => c.assets), token, searchPageSize, renderAsset);
      } else {
        const assets = found.flatMap(c => c.assets);
        if (assets.length === 0) {
          sendJson(res, 404, 'Asset search returned no results');
        } else if (assets.length > 1 && !query.get('sort')) {
          sendJson(res, 400, 'Search returned multiple assets, please refine search criteria to find a single asset or use the sort query parameter to retrieve the first result.');
        } else {
          res.writeHead(302, { Location: renderAsset(assets[0]).downloadUrl, 'Content-Length': 0 });
          res.end();
        }
      }
    } else {
      sendEmpty(res, 404);
    }
  }

  return { id: 'nexus', mount: 'nexus', perCluster: false, handle };
}
