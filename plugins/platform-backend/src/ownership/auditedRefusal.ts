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

import { AuditorService } from '@backstage/backend-plugin-api';
import express from 'express';

/**
 * Runs a check that may refuse to show an upstream object and audits the
 * refusal: someone pointed an entity at an object that is not theirs.
 */
export async function auditedRefusal(
  auditor: AuditorService,
  req: express.Request,
  meta: { upstream: string; object: string },
  check: () => void,
): Promise<void> {
  try {
    check();
  } catch (error) {
    const event = await auditor.createEvent({
      eventId: 'upstream-read-refused',
      severityLevel: 'medium',
      request: req,
      meta: {
        entityRef: `${req.params.kind}:${req.params.namespace}/${req.params.name}`,
        ...meta,
      },
    });
    await event.fail({ error: error as Error });
    throw error;
  }
}
