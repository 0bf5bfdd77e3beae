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

import { InfoCard } from '@backstage/core-components';
import {
  BACKUP_CHECK_IDS,
  getRunbook,
  HealthCheckResult,
  LayerHealth,
} from '@platform-portal/plugin-platform-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { VerdictChip } from '../VerdictChip';

interface BackupRow {
  check: HealthCheckResult;
  layer: LayerHealth;
}

/** The backup checks found in a cluster's layers, in the card's order. */
export function backupRows(layers: LayerHealth[]): BackupRow[] {
  const rows: BackupRow[] = [];
  for (const id of BACKUP_CHECK_IDS) {
    for (const layer of layers) {
      const check = layer.checks.find(c => c.id === id);
      if (check) rows.push({ check, layer });
    }
  }
  return rows;
}

/**
 * Whether the cluster could be restored tomorrow: etcd snapshots and
 * Longhorn backups, each with what was looked at and where the runbook
 * starts.
 */
export function BackupPostureCard(props: { layers: LayerHealth[] }) {
  const rows = backupRows(props.layers);
  return (
    <InfoCard title="Backup posture">
      {rows.length === 0 ? (
        <Typography variant="body2">
          No backup checks have run on this cluster yet: the provisioning and
          storage layers report them on their next refresh.
        </Typography>
      ) : (
        rows.map(({ check, layer }) => (
          <Box
            key={check.id}
            mb={2}
            component="section"
            aria-label={check.title}
          >
            <Typography variant="subtitle2" component="h3">
              <VerdictChip verdict={check.verdict} /> {check.title}
            </Typography>
            <Typography variant="body2">{check.message}</Typography>
            {check.evidence.length > 0 && (
              <ul>
                {check.evidence.map(e => (
                  <li key={`${e.object}/${e.field}`}>
                    <Typography variant="body2" component="span">
                      <code>{e.object}</code> {e.field}: {e.value}
                    </Typography>
                  </li>
                ))}
              </ul>
            )}
            {check.verdict !== 'ok' && check.runbook && (
              <Typography variant="caption" component="p">
                Runbook: {getRunbook(check.runbook)?.title ?? check.runbook} (
                {layer.layer} layer)
              </Typography>
            )}
          </Box>
        ))
      )}
    </InfoCard>
  );
}
