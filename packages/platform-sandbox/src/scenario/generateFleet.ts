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

import { DEFAULT_COMPONENTS } from './defaultFleet';
import { createRandom, pick } from './random';
import { ClusterSpec, FaultId, FAULT_LAYERS, FleetSpec } from './types';

export interface GenerateFleetOptions {
  clusters: number;
  seed: number;
  /** Share of workload clusters that carry one fault, 0..1. */
  faultRate?: number;
}

const VERSIONS = ['v1.32.8', 'v1.33.4'];
const REGIONS = ['eu-central', 'eu-west', 'us-east', 'dc-1', 'dc-2'];
const ENVIRONMENTS = ['production', 'staging', 'development'] as const;

/**
 * A large fleet for load tests, deterministic from the seed: one management
 * cluster and N-1 Cluster API workload clusters.
 */
export function generateFleet(options: GenerateFleetOptions): FleetSpec {
  if (!Number.isInteger(options.clusters) || options.clusters < 1 || options.clusters > 1000) {
    throw new RangeError('clusters must be an integer from 1 to 1000');
  }
  const random = createRandom(options.seed);
  const faultRate = options.faultRate ?? 0.2;
  const faultIds = Object.keys(FAULT_LAYERS) as FaultId[];
  const clusters: ClusterSpec[] = [
    {
      name: 'mgmt',
      provisioner: 'kubeadm',
      environment: 'management',
      region: 'eu-central',
      kubernetesVersion: 'v1.33.4',
      controlPlaneReplicas: 3,
      workerReplicas: 2,
      controlPlaneNode: { cpu: 8, memoryGiB: 32, diskGiB: 200 },
      workerNode: { cpu: 4, memoryGiB: 8, diskGiB: 100 },
      faults: [],
    },
  ];
  for (let i = 1; i < options.clusters; i++) {
    const environment = pick(random, ENVIRONMENTS);
    const production = environment === 'production';
    clusters.push({
      name: `${environment.slice(0, 4)}-${String(i).padStart(4, '0')}`,
      provisioner: 'cluster-api',
      environment,
      region: pick(random, REGIONS),
      kubernetesVersion: pick(random, VERSIONS),
      controlPlaneReplicas: production ? 3 : 1,
      workerReplicas: production ? 3 + Math.floor(random() * 5) : 1 + Math.floor(random() * 2),
      managementCluster: 'mgmt',
      capiNamespace: 'clusters',
      controlPlaneNode: { cpu: 8, memoryGiB: 32, diskGiB: 200 },
      workerNode: { cpu: 16, memoryGiB: 64, diskGiB: 500 },
      faults: random() < faultRate ? [{ id: pick(random, faultIds) }] : [],
    });
  }
  const workloads = clusters.slice(1).map(c => c.name);
  const components = DEFAULT_COMPONENTS.map(component => ({
    ...structuredClone(component),
    deployments: Object.fromEntries(
      workloads.map(name => [name, component.versions[component.versions.length - 1]]),
    ),
  }));
  return { seed: options.seed, domain: 'apps.example.internal', clusters, components };
}
