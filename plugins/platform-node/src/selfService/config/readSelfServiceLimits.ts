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

import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/**
 * What `platform.selfService` allows teams to create: read by the
 * scaffolder actions that write and by the platform backend's preview of
 * those writes, so both judge a request by the same limits.
 *
 * @public
 */
export interface SelfServiceLimits {
  /** Hostnames must sit below one of these domains. */
  allowedDomains: string[];
  /** ClusterIssuers teams may request certificates from. */
  issuers: string[];
  /** The shared Gateway that routes attach to. */
  gateway: { namespace: string; name: string; sectionName: string };
  /** Longhorn storage classes by replica count. */
  storageClasses: Array<{ name: string; replicas: number }>;
  /** Largest volume a team may request, in GiB. */
  maxVolumeGi: number;
  /** Deadline of each request to an API server. */
  requestTimeoutMs: number;
}

/** @public */
export function readSelfServiceLimits(config: Config): SelfServiceLimits {
  const c = config.getOptionalConfig('platform.selfService');
  const storageClasses = c
    ?.getOptionalConfigArray('storageClasses')
    ?.map(s => ({
      name: s.getString('name'),
      replicas: s.getNumber('replicas'),
    }));
  return {
    allowedDomains: c?.getOptionalStringArray('allowedDomains') ?? [],
    issuers: c?.getOptionalStringArray('issuers') ?? [
      'letsencrypt-prod',
      'letsencrypt-staging',
    ],
    gateway: {
      namespace: c?.getOptionalString('gateway.namespace') ?? 'traefik',
      name: c?.getOptionalString('gateway.name') ?? 'traefik-gateway',
      sectionName: c?.getOptionalString('gateway.sectionName') ?? 'https',
    },
    storageClasses: storageClasses ?? [{ name: 'longhorn', replicas: 3 }],
    maxVolumeGi: c?.getOptionalNumber('maxVolumeGi') ?? 500,
    requestTimeoutMs: positiveSeconds(c, 'requestTimeoutSeconds', 30) * 1000,
  };
}

function positiveSeconds(
  c: Config | undefined,
  key: string,
  fallback: number,
): number {
  const value = c?.getOptionalNumber(key);
  if (value === undefined) return fallback;
  if (!(value > 0)) {
    throw new InputError(
      `platform.selfService.${key} must be a positive number of seconds, got ${value}`,
    );
  }
  return value;
}
