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
  EmptyState,
  Link,
  Progress,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { FleetUpgradeRow } from '@platform-portal/plugin-platform-common';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { platformApiRef } from '../../api/PlatformApi';
import { BackendErrorPanel } from '../BackendErrorPanel';
import { PlatformLayout } from '../PlatformLayout';
import { PLAIN_TABLE_OPTIONS } from '../plainTable';

const columns: TableColumn<FleetUpgradeRow>[] = [
  {
    title: 'Cluster',
    field: 'cluster',
    render: row => (
      <Link to={`../clusters/${encodeURIComponent(row.cluster)}/upgrades`}>
        {row.cluster}
      </Link>
    ),
  },
  { title: 'Provisioner', field: 'provisioner' },
  { title: 'Environment', render: row => row.environment ?? '—' },
  { title: 'Current version', render: row => row.currentVersion ?? '—' },
  { title: 'Next minor', render: row => row.nextMinor ?? '—' },
  {
    title: 'Blockers',
    field: 'blockers',
    render: row =>
      row.error ? (
        <Typography variant="body2" color="error">
          Not assessed: {row.error}
        </Typography>
      ) : (
        <Typography
          variant="body2"
          color={row.blockers ? 'error' : 'textPrimary'}
        >
          {row.blockers === 0 ? 'none' : row.blockers}
        </Typography>
      ),
  },
  { title: 'Warnings', render: row => (row.error ? '—' : row.warnings) },
];

/** `/platform/upgrades`: every cluster against its next minor, most blocked first. */
export function FleetUpgradesPage() {
  const platformApi = useApi(platformApiRef);
  const { value, loading, error } = useAsync(
    () => platformApi.getFleetUpgrades(),
    [platformApi],
  );
  const rows = [...(value?.clusters ?? [])].sort(
    (a, b) =>
      (b.blockers ?? -1) - (a.blockers ?? -1) ||
      a.cluster.localeCompare(b.cluster),
  );
  return (
    <PlatformLayout
      title="Upgrades"
      subtitle="Every cluster against its next Kubernetes minor"
    >
      {loading && <Progress />}
      {error && (
        <BackendErrorPanel error={error} title="Upgrade overview unavailable" />
      )}
      {!loading && !error && rows.length === 0 && (
        <EmptyState
          missing="data"
          title="No clusters"
          description="No cluster is configured under platform.clusters."
        />
      )}
      {!loading && !error && rows.length > 0 && (
        <Table<FleetUpgradeRow>
          title="Next minor per cluster"
          options={{ ...PLAIN_TABLE_OPTIONS, paging: false }}
          columns={columns}
          data={rows}
        />
      )}
    </PlatformLayout>
  );
}
