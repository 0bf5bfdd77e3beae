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

import {
  AuditorService,
  CacheService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  ArgocdApplication,
  ArgocdInstanceError,
  ArgocdOperationResponse,
  EntityArgocdResponse,
  platformArgocdRollbackPermission,
  platformArgocdSyncPermission,
} from '@platform-portal/plugin-platform-common';
import express from 'express';
import { requireArgocdWriter } from '../../ownership/requireArgocdWriter';
import { requireWritePrincipal } from '../../ownership/requireWritePrincipal';
import { ArgoCdClient } from '../../clients/argocd/ArgoCdClient';
import { ArgoCdRefusal } from '../../clients/argocd/ArgoCdRefusal';
import { argocdReadError } from '../../clients/argocd/argocdHttpError';
import { ArgoApplication } from '../../clients/argocd/argoTypes';
import { notConfigured as upstreamNotConfigured } from '../../clients/UpstreamClients';
import { isAutomatedSync, toArgocdApplication } from './argocdApplication';
import {
  ArgocdAction,
  argocdRefusalError,
  automatedSyncConflict,
  readFailureMessage,
} from './argocdErrors';
import {
  ARGOCD_ANNOTATIONS,
  argocdCacheKey,
  argocdSelectionOf,
  ArgocdSelection,
} from './argocdSelection';
import { notConfigured } from './entityAnnotations';
import { LoadedEntity } from './EntityLoader';
import { EntityRouteContext } from './EntityRouteContext';
import {
  listArgocdApplications,
  readArgocdInstance,
} from './readArgocdInstance';

export interface ArgocdRouteOptions extends EntityRouteContext {
  permissions: PermissionsService;
  auditor: AuditorService;
  /** The store behind `cache`, to drop an instance's answer once an operation changed it. */
  cacheStore: CacheService;
}

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
// Applications are Kubernetes objects: DNS-1123 subdomain names.
const APP_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/**
 * GET `/entity/.../argocd` and POST `.../argocd/:instance/:app/sync` and
 * `/rollback`. Reads go through the cache every viewer shares, one entry per
 * instance, so a dead instance is reported beside the others and a recovered
 * one shows at the next view. Only applications whose project the ownership
 * config gives to the entity's owner are shown, to viewers who could read
 * them. Operations check the entity permission, that the application is the
 * entity's, that the user is in the group owning its project and destination
 * namespace, and Argo CD's own rules, and are audited.
 */
export function argocdRoutes(options: ArgocdRouteOptions): void {
  // Every cluster runs its own Argo CD: the instances are the clusters.
  const { router, entities, clients, cache, clusters: instances } = options;
  const { ownership } = options;

  const readInstance = (instance: string, selection: ArgocdSelection) =>
    readArgocdInstance(clients, cache, instance, selection);

  router.get('/entity/:namespace/:kind/:name/argocd', async (req, res) => {
    const { entity, credentials } = await entities.load(req);
    const selection = argocdSelectionOf(entity);
    if (!selection) {
      const body: EntityArgocdResponse = notConfigured(
        entity,
        ARGOCD_ANNOTATIONS,
      );
      res.json(body);
      return;
    }
    const actor = await ownership.actor(credentials);
    const applications: ArgocdApplication[] = [];
    const instanceErrors: ArgocdInstanceError[] = [];
    let hidden = 0;
    await Promise.all(
      instances.map(async instance => {
        try {
          for (const app of await readInstance(instance, selection)) {
            if (
              ownership.mayShow(
                ownership.argocdOwner(app.project),
                entity,
                actor,
              )
            ) {
              applications.push(app);
            } else {
              hidden += 1;
            }
          }
        } catch (error) {
          instanceErrors.push({ instance, message: readFailureMessage(error) });
        }
      }),
    );
    const byInstanceThenName = (
      a: { instance: string; name?: string },
      b: { instance: string; name?: string },
    ) =>
      a.instance.localeCompare(b.instance) ||
      (a.name ?? '').localeCompare(b.name ?? '');
    const body: EntityArgocdResponse = {
      configured: true,
      selector: selection.describe,
      applications: applications.sort(byInstanceThenName),
      instanceErrors: instanceErrors.sort(byInstanceThenName),
      hiddenApplications: hidden,
      observedAt: new Date().toISOString(),
    };
    res.json(body);
  });

  /** The entity, the permission and the application: everything an operation needs, or the 4xx that says what is missing. */
  async function prepare(
    req: express.Request,
    permission: ResourcePermission<'catalog-entity'>,
  ): Promise<{
    loaded: LoadedEntity;
    client: ArgoCdClient;
    app: ArgoApplication;
    action: Omit<ArgocdAction, 'verb'>;
    selection: ArgocdSelection;
  }> {
    const loaded = await entities.load(req);
    requireWritePrincipal(loaded.credentials, permission);
    const instance = req.params.instance ?? '';
    const appName = req.params.app ?? '';
    if (!DNS_1123_LABEL.test(instance) || instance.length > 63) {
      throw new InputError(
        `Invalid path parameter 'instance': '${instance}' is not a cluster name (DNS-1123 label)`,
      );
    }
    if (!APP_NAME.test(appName) || appName.length > 253) {
      throw new InputError(
        `Invalid path parameter 'app': '${appName}' is not an Argo CD application name (DNS-1123 subdomain)`,
      );
    }
    const [decision] = await options.permissions.authorize(
      [{ permission, resourceRef: loaded.ref }],
      { credentials: loaded.credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Missing permission ${permission.name}`);
    }
    if (!instances.includes(instance)) {
      throw new NotFoundError(
        `No Argo CD instance '${instance}': instances are the clusters in platform.clusters`,
      );
    }
    const client = clients.argocd(instance);
    if (!client) {
      throw new ServiceUnavailableError(upstreamNotConfigured('argocd'));
    }
    const selection = argocdSelectionOf(loaded.entity);
    if (!selection) {
      throw new NotFoundError(
        `${loaded.ref} has none of the annotations ${ARGOCD_ANNOTATIONS.join(
          ', ',
        )}, so it has no Argo CD applications`,
      );
    }
    // Read fresh, not from the cache: the decision must hold for Argo CD as it is now.
    const app = (
      await listArgocdApplications(client, selection).catch(rethrowRead)
    ).find(a => a.metadata.name === appName);
    if (!app) {
      throw new NotAllowedError(
        `Application ${appName} on ${instance} is not one of ${loaded.ref}'s applications (${selection.describe})`,
      );
    }
    await requireArgocdWriter(
      { ownership, clients },
      await ownership.actor(loaded.credentials),
      instance,
      app,
    );
    return {
      loaded,
      client,
      app,
      selection,
      action: {
        instance,
        app: appName,
        project: app.spec.project || 'default',
      },
    };
  }

  async function operate(
    req: express.Request,
    res: express.Response,
    kind: 'sync' | 'rollback',
  ): Promise<void> {
    const permission =
      kind === 'sync'
        ? platformArgocdSyncPermission
        : platformArgocdRollbackPermission;
    const auditEvent = await options.auditor.createEvent({
      eventId: `argocd-${kind}`,
      severityLevel: 'medium',
      request: req,
      meta: {
        entityRef: `${req.params.kind}:${req.params.namespace}/${req.params.name}`,
        instance: req.params.instance,
        application: req.params.app,
        ...(kind === 'rollback' ? { historyId: req.body?.id } : {}),
      },
    });
    try {
      const id = kind === 'rollback' ? historyId(req.body) : undefined;
      const { client, app, action, selection } = await prepare(req, permission);
      const verb = kind === 'sync' ? 'sync' : 'roll back';
      if (id !== undefined) {
        if (isAutomatedSync(app)) {
          throw automatedSyncConflict({ ...action, verb });
        }
        if (!(app.status?.history ?? []).some(h => h.id === id)) {
          throw new InputError(
            `Invalid body field 'id': ${action.app} on ${action.instance} has no history entry ${id}`,
          );
        }
      }
      let updated: ArgoApplication;
      try {
        updated =
          id === undefined
            ? await client.sync(action.app, action.project)
            : await client.rollback(action.app, action.project, id);
      } catch (error) {
        throw error instanceof ArgoCdRefusal
          ? argocdRefusalError(error, { ...action, verb })
          : error;
      }
      // Every viewer sees the operation at their next read.
      await options.cacheStore.delete(
        argocdCacheKey(action.instance, selection),
      );
      const application = toArgocdApplication(
        action.instance,
        updated,
        undefined,
      );
      const body: ArgocdOperationResponse = {
        application,
        message:
          id === undefined
            ? `Sync of ${action.app} on ${action.instance} started`
            : `Rollback of ${action.app} on ${action.instance} to history entry ${id} started`,
      };
      await auditEvent.success({ meta: { project: action.project } });
      res.json(body);
    } catch (error) {
      await auditEvent.fail({ error: error as Error });
      throw error;
    }
  }

  router.post(
    '/entity/:namespace/:kind/:name/argocd/:instance/:app/sync',
    async (req, res) => operate(req, res, 'sync'),
  );
  router.post(
    '/entity/:namespace/:kind/:name/argocd/:instance/:app/rollback',
    async (req, res) => operate(req, res, 'rollback'),
  );
}

/** The body's `id`, 400 naming the field unless it is a non-negative integer. */
function historyId(body: unknown): number {
  const id = (body as { id?: unknown } | undefined)?.id;
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) {
    throw new InputError(
      `Invalid body field 'id': must be a non-negative integer, the id of an entry of the application's history`,
    );
  }
  return id;
}

function rethrowRead(error: unknown): never {
  throw argocdReadError(error);
}
