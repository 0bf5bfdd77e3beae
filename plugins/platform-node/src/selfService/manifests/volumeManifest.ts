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

import { InputError } from '@backstage/errors';
import { Manifest } from '../kube/ClusterObjects';
import {
  orDefault,
  requireDnsLabel,
  requireInteger,
  requireOneOf,
  requireStorageSize,
} from '../validation';
import { ownerLabels } from './namespaceManifests';
import { parseTeamTarget, TeamTarget } from './teamTarget';

/** @public */
export const ACCESS_MODES = ['ReadWriteOnce', 'ReadWriteMany'] as const;

/**
 * A validated request for a Longhorn PersistentVolumeClaim.
 *
 * @public
 */
export interface VolumeRequest extends TeamTarget {
  name: string;
  size: string;
  replicas: number;
  /** The Longhorn storage class with that many replicas. */
  storageClass: string;
  accessMode: (typeof ACCESS_MODES)[number];
}

/**
 * Validates a volume request. Replicas are a StorageClass parameter in
 * Longhorn, so the replica count picks one of the platform's classes.
 *
 * @public
 */
export function parseVolumeRequest(
  input: Record<string, unknown>,
  limits: {
    storageClasses: ReadonlyArray<{ name: string; replicas: number }>;
    maxVolumeGi: number;
  },
): VolumeRequest {
  const target = parseTeamTarget(input);
  const replicaCounts = limits.storageClasses.map(s => s.replicas);
  const name = requireDnsLabel('name', input.name);
  const size = requireStorageSize('size', input.size, limits.maxVolumeGi);
  const replicas = requireInteger(
    'replicas',
    orDefault(input.replicas, replicaCounts[0]),
    1,
    10,
  );
  const storageClass = limits.storageClasses.find(s => s.replicas === replicas);
  if (!storageClass)
    throw new InputError(
      `replicas: ${replicas} is not offered; choose ${replicaCounts.join(
        ' or ',
      )}`,
    );
  const accessMode = requireOneOf(
    'accessMode',
    orDefault(input.accessMode, 'ReadWriteOnce'),
    ACCESS_MODES,
  );
  return {
    ...target,
    name,
    size,
    replicas,
    storageClass: storageClass.name,
    accessMode,
  };
}

/** @public */
export function volumeManifest(request: VolumeRequest): Manifest {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name: request.name,
      namespace: request.namespace,
      labels: ownerLabels(request.team),
    },
    spec: {
      accessModes: [request.accessMode],
      storageClassName: request.storageClass,
      resources: { requests: { storage: request.size } },
    },
  } as Manifest;
}
