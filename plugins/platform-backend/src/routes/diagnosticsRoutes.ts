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
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  DiagnosticRequest,
  LABELS,
  platformClusterProvisionPermission,
  RemediationAction,
  RemediationRequest,
} from '@platform-portal/plugin-platform-common';
import express from 'express';
import { UpstreamClients } from '../clients/UpstreamClients';
import { DiagnosticsService } from '../diagnostics/DiagnosticsService';
import { namespaceOwnerGroup } from '../ownership/namespaceOwnerGroup';
import { requireArgocdWriter } from '../ownership/requireArgocdWriter';
import { UpstreamOwnership } from '../ownership/UpstreamOwnership';
import { RemediationService } from '../diagnostics/RemediationService';
import { PlatformApiRouter } from './PlatformApiRouter';
import { clusterParam, requireUserPermission } from './validation';

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const ACTIONS: RemediationAction[] = [
  'certificate-reissue',
  'argocd-sync',
  'machinedeployment-scale',
];

function bodyObject(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null || body === '') return {};
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new InputError('Invalid body: must be a JSON object');
  }
  return body as Record<string, unknown>;
}

function optionalName(
  body: Record<string, unknown>,
  field: string,
  pattern: RegExp,
  max: number,
): string | undefined {
  const value = body[field];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || value.length > max || !pattern.test(value)) {
    throw new InputError(
      `Invalid field '${field}': must be a Kubernetes name (lower case letters, digits and '-', at most ${max} characters)`,
    );
  }
  return value;
}

function diagnosticRequest(body: unknown): DiagnosticRequest {
  const object = bodyObject(body);
  const namespace = optionalName(object, 'namespace', DNS_1123_LABEL, 63);
  const name = optionalName(object, 'name', DNS_1123_SUBDOMAIN, 253);
  return {
    ...(namespace ? { namespace } : {}),
    ...(name ? { name } : {}),
  };
}

function remediationRequest(body: unknown): RemediationRequest {
  const object = bodyObject(body);
  const name = optionalName(object, 'name', DNS_1123_SUBDOMAIN, 253);
  if (!name) throw new InputError(`Missing field 'name'`);
  const { replicas, dryRun } = object;
  if (replicas !== undefined && typeof replicas !== 'number') {
    throw new InputError(`Invalid field 'replicas': must be an integer`);
  }
  if (dryRun !== undefined && typeof dryRun !== 'boolean') {
    throw new InputError(`Invalid field 'dryRun': must be true or false`);
  }
  return {
    name,
    namespace: optionalName(object, 'namespace', DNS_1123_LABEL, 63),
    project: optionalName(object, 'project', DNS_1123_SUBDOMAIN, 253),
    replicas: replicas as number | undefined,
    dryRun: dryRun as boolean | undefined,
  };
}

function actionParam(req: express.Request): RemediationAction {
  const action = req.params.action as RemediationAction;
  if (!ACTIONS.includes(action)) {
    throw new NotFoundError(
      `No remediation '${action}'; the remediations are ${ACTIONS.join(', ')}`,
    );
  }
  return action;
}

/** POST /diagnostics/:cluster/:runbook and the remediations it offers. */
export function diagnosticsRoutes(
  router: PlatformApiRouter,
  options: {
    diagnostics: DiagnosticsService;
    remediations: RemediationService;
    guard: (req: express.Request) => Promise<void>;
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    auditor: AuditorService;
    ownership: UpstreamOwnership;
    clients: UpstreamClients;
  },
): void {
  const { diagnostics, remediations, guard, httpAuth, permissions, auditor } =
    options;
  const { ownership, clients } = options;

  router.post(
    '/diagnostics/:cluster/remediations/:action',
    async (req, res) => {
      const auditEvent = await auditor.createEvent({
        eventId: 'diagnostic-remediation',
        severityLevel: 'high',
        request: req,
        meta: { cluster: req.params.cluster, action: req.params.action },
      });
      try {
        const credentials = await requireUserPermission(
          httpAuth,
          permissions,
          req,
          platformClusterProvisionPermission,
        );
        const cluster = clusterParam(req);
        const action = actionParam(req);
        const request = remediationRequest(req.body);
        const actor = await ownership.actor(credentials);
        // The permission lets someone remediate; the ownership config says on whose objects.
        const result = await remediations.run(cluster, action, request, {
          argocdApplication: (instance, app) =>
            requireArgocdWriter({ ownership, clients }, actor, instance, app),
          namespace: async (where, namespace) => {
            if (actor.type === 'service' || actor.platform) return;
            const owner = await namespaceOwnerGroup(clients, where, namespace);
            if (!owner || !actor.groups.has(owner)) {
              throw new NotAllowedError(
                `Namespace ${namespace} on ${where} belongs to ${
                  owner ?? 'no team'
                } by its ${LABELS.owner} label, and ${
                  actor.userEntityRef
                } is not a member`,
              );
            }
          },
        });
        await auditEvent.success({
          meta: {
            target: result.target,
            dryRun: result.dryRun,
            changed: result.changed,
            by: credentials.principal.userEntityRef,
          },
        });
        res.json({ ...result });
      } catch (error) {
        await auditEvent.fail({ error: error as Error });
        throw error;
      }
    },
  );

  router.post('/diagnostics/:cluster/:runbook', async (req, res) => {
    await guard(req);
    const cluster = clusterParam(req);
    const run = await diagnostics.run(
      cluster,
      req.params.runbook,
      diagnosticRequest(req.body),
    );
    res.json({ ...run });
  });
}
