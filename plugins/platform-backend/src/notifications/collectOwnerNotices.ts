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

import { BackupLimits, backupsOverLimit } from '../backup';
import { FleetCertificateService } from '../certificates/FleetCertificateService';
import { UpstreamClients } from '../clients/UpstreamClients';
import { ConfiguredCluster } from '../config/readPlatformConfig';
import { HealthReadModel } from '../health/HealthReadModel';
import {
  backupNotices,
  certificateNotices,
  layerNotices,
  OwnerNotice,
} from './ownerNotices';

/**
 * What the owners should hear about now: critical layers from the stored
 * health, certificates from the fleet list, backups from each cluster. A
 * cluster that cannot be read adds nothing; the next run tries again.
 */
export function collectOwnerNotices(deps: {
  clusters: ConfiguredCluster[];
  health: HealthReadModel;
  certificates: FleetCertificateService;
  clients: UpstreamClients;
  backupLimits: BackupLimits;
}): () => Promise<OwnerNotice[]> {
  return async () => {
    const notices: OwnerNotice[] = [];
    for (const cluster of deps.clusters) {
      const health = await deps.health.cluster(cluster.name);
      notices.push(
        ...layerNotices(cluster.name, cluster.environment, health.layers),
      );
      const kubernetes = deps.clients.kubernetes(cluster.name);
      if (kubernetes && !health.unreachable) {
        const ages = await backupsOverLimit(
          kubernetes,
          cluster,
          deps.backupLimits,
        ).catch(() => []);
        notices.push(...backupNotices(cluster.name, ages));
      }
    }
    const { certificates } = await deps.certificates.list();
    notices.push(...certificateNotices(certificates));
    return notices;
  };
}
