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

import { Entity } from '@backstage/catalog-model';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

/** The example components exactly as the repository's catalog declares them. */
function catalogFile(name: string): Entity[] {
  const file = path.resolve(__dirname, '../../../../catalog', name);
  return parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map(d => d.toJS() as Entity)
    .map(e => ({ ...e, metadata: { namespace: 'default', ...e.metadata } }));
}

/**
 * The example components with the organisation (groups, and users with the
 * `memberOf` relations the catalog's processing would add), so membership
 * resolves as in the running portal: alice is in platform-team, heidi in
 * team-payments, judy in team-storefront.
 */
export function exampleEntities(): Entity[] {
  const org = [...catalogFile('org.yaml'), ...catalogFile('users.yaml')].map(
    e =>
      e.kind === 'User'
        ? {
            ...e,
            relations: ((e.spec?.memberOf ?? []) as string[]).map(group => ({
              type: 'memberOf',
              targetRef: `group:default/${group}`,
            })),
          }
        : e,
  );
  return [...catalogFile('components.yaml'), ...org];
}

/** A component with none of the integrations' annotations. */
export const bareEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'bare-service', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-payments' },
};
