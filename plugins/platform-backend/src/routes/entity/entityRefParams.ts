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

import { CompoundEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import express from 'express';
import { echo } from '../echo';

// The catalog's own rules for namespaces, kinds and names.
const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const KIND = /^[a-zA-Z][a-zA-Z0-9]*$/;
const NAME = /^[a-zA-Z0-9]([-_.a-zA-Z0-9]*[a-zA-Z0-9])?$/;

function param(
  req: express.Request,
  field: 'namespace' | 'kind' | 'name',
  pattern: RegExp,
  maxLength: number,
  what: string,
): string {
  const value = req.params[field] ?? '';
  if (!pattern.test(value) || value.length > maxLength) {
    throw new InputError(
      `Invalid path parameter '${field}': '${echo(value)}' is not ${what}`,
    );
  }
  return value;
}

/** The entity named by `/entity/:namespace/:kind/:name`, 400 naming the malformed field. */
export function entityRefParams(req: express.Request): CompoundEntityRef {
  return {
    namespace: param(
      req,
      'namespace',
      NAMESPACE,
      63,
      'an entity namespace (DNS-1123 label)',
    ),
    kind: param(req, 'kind', KIND, 63, 'an entity kind (letters and digits)'),
    name: param(
      req,
      'name',
      NAME,
      63,
      'an entity name (letters, digits, "-", "_", "."; at most 63)',
    ),
  };
}
