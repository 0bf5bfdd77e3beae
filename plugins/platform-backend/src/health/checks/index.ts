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

import { PlatformHealthCheck } from '@platform-portal/plugin-platform-node';
import { BackupLimits } from '../../backup/backupLimits';
import { UpstreamClients } from '../../clients/UpstreamClients';
import { artifactsChecks } from './artifacts';
import { backupChecks } from './backups';
import { cicdChecks } from './cicd';
import { dexEndpointChecks } from './dexEndpoints';
import { externalLbChecks } from './externalLb';
import { gitopsChecks } from './gitops';
import { hardwareChecks } from './hardware';
import { identityChecks } from './identity';
import { ingressChecks } from './ingress';
import { internalLbChecks } from './internalLb';
import { networkingChecks } from './networking';
import { observabilityChecks } from './observability';
import { provisioningChecks } from './provisioning';
import { securityChecks } from './security';
import { storageChecks } from './storage';

/** The platform team's own checks for all 13 layers. */
export function builtInChecks(
  clients: UpstreamClients,
  backupLimits?: BackupLimits,
): PlatformHealthCheck[] {
  return [
    ...provisioningChecks,
    ...backupChecks(backupLimits),
    ...hardwareChecks,
    ...networkingChecks,
    ...externalLbChecks(clients),
    ...internalLbChecks,
    ...ingressChecks,
    ...storageChecks,
    ...securityChecks,
    ...identityChecks,
    ...dexEndpointChecks(clients),
    ...artifactsChecks(clients),
    ...gitopsChecks,
    ...cicdChecks(clients),
    ...observabilityChecks(clients),
  ];
}
