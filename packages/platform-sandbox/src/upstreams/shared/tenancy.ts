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
import { headerValue } from './auth';
import { sendText } from './http';

export type TenantCheck = 'own' | 'other' | 'missing';

/**
 * Reads `X-Scope-OrgID`. Several tenants may be joined with `|` (Loki); the
 * request sees the sandbox's data when its tenant is among them.
 */
export function checkTenant(req: IncomingMessage, tenant: string): TenantCheck {
  const header = headerValue(req, 'x-scope-orgid');
  if (!header || header.trim() === '') return 'missing';
  return header.split('|').map(t => t.trim()).includes(tenant) ? 'own' : 'other';
}

/** The answer Loki, Tempo and Mimir give when multi-tenancy is on and the header is missing. */
export function writeNoOrgId(res: ServerResponse): void {
  sendText(res, 401, 'no org id\n');
}
