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

import { UpstreamClients } from '../../clients/UpstreamClients';
import { artifactsProbes } from './artifacts';
import { bootstrapProbes } from './bootstrap';
import { BuildOutProbe } from './BuildOutProbe';
import { gitopsProbes } from './gitops';
import { infrastructureProbes } from './infrastructure';
import { loadBalancingProbes } from './loadBalancing';
import { observabilityProbes } from './observability';
import { securityProbes } from './security';

export type { BuildOutProbe } from './BuildOutProbe';

/** Verifications of build-out steps beyond what the health checks already look at. */
export function buildOutProbes(clients: UpstreamClients): BuildOutProbe[] {
  return [
    ...infrastructureProbes(clients),
    ...bootstrapProbes,
    ...loadBalancingProbes,
    ...securityProbes,
    ...artifactsProbes(clients),
    ...gitopsProbes,
    ...observabilityProbes(clients),
  ];
}
