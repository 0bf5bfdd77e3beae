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
  LayerHealth,
  remediationFor,
} from '@platform-portal/plugin-platform-common';
import { ConfiguredCluster } from '../config/readPlatformConfig';

/**
 * Each failing check with the runbook step its failure calls for on the
 * cluster's provisioner, names filled in from its evidence. A layer that
 * shows its last known verdict gets none: its steps assume the API answers.
 */
export function withRemediations(
  layers: LayerHealth[],
  cluster: ConfiguredCluster,
): LayerHealth[] {
  // The namespace of the cluster's Cluster API objects, read by the
  // provisioning checks, fills the steps of every layer.
  const capiNamespace = layers
    .flatMap(l => l.checks.flatMap(c => c.evidence))
    .map(e => /^Cluster\/([^/]+)\/([^/]+)$/.exec(e.object))
    .find(m => m && m[2] === cluster.name)?.[1];
  const context = {
    cluster: cluster.name,
    provisioner: cluster.provisioner,
    managementCluster: cluster.managementCluster,
    values: capiNamespace ? { 'capi-namespace': capiNamespace } : undefined,
  };
  return layers.map(layer =>
    layer.lastKnown
      ? layer
      : {
          ...layer,
          checks: layer.checks.map(check => {
            const remediation = remediationFor(check, context);
            return remediation ? { ...check, remediation } : check;
          }),
        },
  );
}
