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

import { invalid, requireInteger, requireString } from './names';

/**
 * Namespace sizes teams can pick: quota and container defaults for each.
 *
 * @public
 */
export const NAMESPACE_SIZES = {
  S: {
    quota: {
      'requests.cpu': '2',
      'requests.memory': '4Gi',
      'limits.memory': '8Gi',
      pods: '20',
      persistentvolumeclaims: '5',
      'requests.storage': '50Gi',
    },
    containerDefault: { cpu: '250m', memory: '256Mi' },
    containerDefaultRequest: { cpu: '50m', memory: '64Mi' },
    containerMax: { cpu: '1', memory: '2Gi' },
  },
  M: {
    quota: {
      'requests.cpu': '8',
      'requests.memory': '16Gi',
      'limits.memory': '32Gi',
      pods: '50',
      persistentvolumeclaims: '10',
      'requests.storage': '200Gi',
    },
    containerDefault: { cpu: '500m', memory: '512Mi' },
    containerDefaultRequest: { cpu: '100m', memory: '128Mi' },
    containerMax: { cpu: '4', memory: '8Gi' },
  },
  L: {
    quota: {
      'requests.cpu': '32',
      'requests.memory': '64Gi',
      'limits.memory': '128Gi',
      pods: '200',
      persistentvolumeclaims: '40',
      'requests.storage': '1Ti',
    },
    containerDefault: { cpu: '1', memory: '1Gi' },
    containerDefaultRequest: { cpu: '250m', memory: '256Mi' },
    containerMax: { cpu: '8', memory: '32Gi' },
  },
} as const;

/** @public */
export type NamespaceSize = keyof typeof NAMESPACE_SIZES;

/** @public */
export function requireNamespaceSize(
  field: string,
  value: unknown,
): NamespaceSize {
  const size = requireString(field, value);
  if (!Object.prototype.hasOwnProperty.call(NAMESPACE_SIZES, size)) {
    invalid(field, 'must be S, M or L');
  }
  return size as NamespaceSize;
}

const STORAGE = /^([1-9][0-9]{0,4})Gi$/;

/**
 * A volume size in whole GiB, e.g. `20Gi`, from 1Gi up to `maxGi`.
 *
 * @public
 */
export function requireStorageSize(
  field: string,
  value: unknown,
  maxGi: number,
): string {
  const size = requireString(field, value);
  const match = STORAGE.exec(size);
  if (!match) invalid(field, 'must be a whole number of GiB such as 20Gi');
  if (Number(match[1]) > maxGi) invalid(field, `must be at most ${maxGi}Gi`);
  return size;
}

/**
 * An explicit quota instead of a size's: whole cores and GiB, within the platform's caps.
 *
 * @public
 */
export interface ExplicitQuota {
  cpu: number;
  memoryGi: number;
  pods: number;
  storageGi: number;
}

/** @public */
export function requireExplicitQuota(
  field: string,
  value: unknown,
): ExplicitQuota {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    invalid(field, 'must be an object with cpu and memoryGi');
  }
  const q = value as Record<string, unknown>;
  const unknownKeys = Object.keys(q).filter(
    k => !['cpu', 'memoryGi', 'pods', 'storageGi'].includes(k),
  );
  if (unknownKeys.length > 0)
    invalid(field, `unknown fields ${unknownKeys.join(', ')}`);
  return {
    cpu: requireInteger(`${field}.cpu`, q.cpu, 1, 64),
    memoryGi: requireInteger(`${field}.memoryGi`, q.memoryGi, 1, 256),
    pods: requireInteger(
      `${field}.pods`,
      q.pods === undefined ? 50 : q.pods,
      1,
      500,
    ),
    storageGi: requireInteger(
      `${field}.storageGi`,
      q.storageGi === undefined ? 100 : q.storageGi,
      0,
      2000,
    ),
  };
}
