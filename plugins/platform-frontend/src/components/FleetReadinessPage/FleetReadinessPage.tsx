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
  ContentHeader,
  EmptyState,
  LinkButton,
  Progress,
  Table,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ClusterReadinessSummary } from '@platform-portal/plugin-platform-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { platformApiRef } from '../../api/PlatformApi';
import { BackendErrorPanel } from '../BackendErrorPanel';
import { PlatformLayout } from '../PlatformLayout';
import { PLAIN_TABLE_OPTIONS } from '../plainTable';
import { FleetReadinessControls } from './FleetReadinessControls';
import { fleetReadinessColumns } from './fleetReadinessColumns';
import { PhaseFilter, ReadinessSort, selectClusters } from './readinessOrder';

function FleetReadinessContent() {
  const platformApi = useApi(platformApiRef);
  const [filter, setFilter] = useState<PhaseFilter>('all');
  // Least advanced first: the clusters stuck earliest need attention first.
  const [sort, setSort] = useState<ReadinessSort>('least-advanced');
  const { value, loading, error } = useAsync(
    () => platformApi.getFleetReadiness(),
    [platformApi],
  );
  if (loading) return <Progress />;
  if (error) return <BackendErrorPanel error={error} />;
  if (!value || value.clusters.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No clusters"
        description="No cluster is configured under platform.clusters."
      />
    );
  }
  const clusters = selectClusters(value.clusters, filter, sort);
  return (
    <>
      <FleetReadinessControls
        clusters={value.clusters}
        filter={filter}
        sort={sort}
        onFilter={setFilter}
        onSort={setSort}
      />
      <Table<ClusterReadinessSummary>
        title={`Clusters (${clusters.length} of ${value.clusters.length})`}
        options={PLAIN_TABLE_OPTIONS}
        columns={fleetReadinessColumns}
        data={clusters}
        emptyContent={
          <EmptyState
            missing="data"
            title="No cluster matches"
            description="No cluster is stuck in this phase."
          />
        }
      />
    </>
  );
}

/** Every cluster's progress through the guide's 11 build-out phases. */
export function FleetReadinessPage() {
  return (
    <PlatformLayout
      title="Build-out readiness"
      subtitle="The guide's 50 steps, fleet-wide"
    >
      <ContentHeader title="Clusters by build-out phase">
        <LinkButton to=".." variant="outlined">
          Fleet health
        </LinkButton>
      </ContentHeader>
      <FleetReadinessContent />
    </PlatformLayout>
  );
}
