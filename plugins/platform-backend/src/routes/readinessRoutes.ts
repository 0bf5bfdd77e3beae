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
import { platformClusterProvisionPermission } from '@platform-portal/plugin-platform-common';
import express from 'express';
import { ConfiguredCluster } from '../config/readPlatformConfig';
import { ReadinessService } from '../readiness/ReadinessService';
import { PlatformApiRouter } from './PlatformApiRouter';
import { clusterParam, requireUserPermission } from './validation';
import { echo } from './echo';

const MAX_NOTE_LENGTH = 2000;

function stepParam(req: express.Request): number {
  const raw = req.params.step;
  const step = /^\d{1,2}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(step) || step < 1 || step > 50) {
    throw new InputError(
      `Invalid path parameter 'step': '${echo(
        raw,
      )}' is not a build-out step (an integer from 1 to 50)`,
    );
  }
  return step;
}

function noteOf(body: unknown): string | undefined {
  if (body === undefined || body === null || body === '') {
    return undefined;
  }
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new InputError(
      `Invalid body: must be a JSON object such as {"note": "..."}`,
    );
  }
  const note = (body as { note?: unknown }).note;
  if (note === undefined || note === null) {
    return undefined;
  }
  if (typeof note !== 'string') {
    throw new InputError(`Invalid field 'note': must be a string`);
  }
  if (note.length > MAX_NOTE_LENGTH) {
    throw new InputError(
      `Invalid field 'note': at most ${MAX_NOTE_LENGTH} characters, got ${note.length}`,
    );
  }
  return note.trim() || undefined;
}

/** GET /readiness, GET /readiness/:cluster and POST an attestation of a step. */
export function readinessRoutes(
  router: PlatformApiRouter,
  options: {
    clusters: ConfiguredCluster[];
    readiness: ReadinessService;
    guard: (req: express.Request) => Promise<void>;
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    auditor: AuditorService;
  },
): void {
  const { clusters, readiness, guard, httpAuth, permissions, auditor } =
    options;

  router.get('/readiness', async (req, res) => {
    await guard(req);
    res.json(await readiness.fleet(clusters));
  });

  router.get('/readiness/:cluster', async (req, res) => {
    await guard(req);
    res.json(await readiness.cluster(clusterParam(req)));
  });

  router.post(
    '/readiness/:cluster/steps/:step/attestations',
    async (req, res) => {
      const auditEvent = await auditor.createEvent({
        eventId: 'build-out-attestation',
        severityLevel: 'medium',
        request: req,
        meta: { cluster: req.params.cluster, step: req.params.step },
      });
      try {
        // An attestation is a person's word: services cannot give it.
        const credentials = await requireUserPermission(
          httpAuth,
          permissions,
          req,
          platformClusterProvisionPermission,
        );
        const attestation = await readiness.attest(
          clusterParam(req),
          stepParam(req),
          credentials.principal.userEntityRef,
          noteOf(req.body),
        );
        await auditEvent.success({
          meta: { attestedBy: attestation.attestedBy },
        });
        res.status(201).json(attestation);
      } catch (error) {
        await auditEvent.fail({ error: error as Error });
        throw error;
      }
    },
  );
}
