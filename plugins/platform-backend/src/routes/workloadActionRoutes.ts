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
import { InputError } from '@backstage/errors';
import { platformWorkloadOperatePermission } from '@platform-portal/plugin-platform-common';
import { JsonValue } from '@backstage/types';
import express from 'express';
import { PersonKubernetesAccess } from '../kubernetes/access';
import { WorkloadActions } from '../workloadActions/WorkloadActions';
import { WORKLOAD_KINDS, WorkloadRef } from '../workloadActions/workloadRef';
import { PlatformApiRouter } from './PlatformApiRouter';
import { requireUserPermission } from './validation';

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

function field(
  body: Record<string, unknown>,
  name: string,
  pattern: RegExp,
  max: number,
): string {
  const value = body[name];
  if (typeof value !== 'string' || value.length > max || !pattern.test(value)) {
    throw new InputError(
      `Invalid body field '${name}': must be a Kubernetes name (lower case letters, digits and '-', at most ${max} characters)`,
    );
  }
  return value;
}

function workloadOf(body: unknown): { ref: WorkloadRef; dryRun: boolean } {
  const object = (body ?? {}) as Record<string, unknown>;
  const kind = object.kind;
  if (typeof kind !== 'string' || !Object.hasOwn(WORKLOAD_KINDS, kind)) {
    throw new InputError(
      `Invalid body field 'kind': must be one of ${Object.keys(
        WORKLOAD_KINDS,
      ).join(', ')}`,
    );
  }
  if (typeof object.dryRun !== 'boolean') {
    throw new InputError(`Invalid body field 'dryRun': must be true or false`);
  }
  return {
    ref: {
      cluster: field(object, 'cluster', DNS_1123_LABEL, 63),
      namespace: field(object, 'namespace', DNS_1123_LABEL, 63),
      kind: kind as WorkloadRef['kind'],
      name: field(object, 'name', DNS_1123_SUBDOMAIN, 253),
    },
    dryRun: object.dryRun,
  };
}

/**
 * POST `/workload-actions/restart` and `/scale`: a signed-in person (never a
 * service) with platform.workload.operate asks; the change goes to the
 * cluster as them, so their RBAC decides; every attempt, dry or real,
 * allowed or refused, is audited.
 */
export function workloadActionRoutes(
  router: PlatformApiRouter,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    auditor: AuditorService;
    access: PersonKubernetesAccess;
    actions: WorkloadActions;
  },
): void {
  const { httpAuth, permissions, auditor, access, actions } = options;

  async function operate(
    req: express.Request,
    res: express.Response,
    action: 'restart' | 'scale',
  ) {
    const body = req.body as Record<string, JsonValue | undefined> | undefined;
    const auditEvent = await auditor.createEvent({
      eventId: `workload-${action}`,
      severityLevel: body?.dryRun === true ? 'low' : 'medium',
      request: req,
      meta: {
        cluster: body?.cluster,
        namespace: body?.namespace,
        kind: body?.kind,
        name: body?.name,
        dryRun: body?.dryRun,
        ...(action === 'scale' ? { replicas: body?.replicas } : {}),
      },
    });
    try {
      const credentials = await requireUserPermission(
        httpAuth,
        permissions,
        req,
        platformWorkloadOperatePermission,
      );
      const { ref, dryRun } = workloadOf(body);
      const person = await access.personOf(credentials);
      const result =
        action === 'restart'
          ? await actions.restart(person, ref, dryRun)
          : await actions.scale(person, ref, body?.replicas as number, dryRun);
      await auditEvent.success({
        meta: {
          kubernetesUser: person.user,
          outcome: result.outcome,
          ...(result.replicas ? { replicas: result.replicas } : {}),
        },
      });
      res.json(result);
    } catch (error) {
      await auditEvent.fail({ error: error as Error });
      throw error;
    }
  }

  router.post('/workload-actions/restart', async (req, res) =>
    operate(req, res, 'restart'),
  );
  router.post('/workload-actions/scale', async (req, res) =>
    operate(req, res, 'scale'),
  );
}
