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

import { Progress, Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { ClusterNode } from '@platform-portal/plugin-platform-common';
import useAsync from 'react-use/esm/useAsync';
import { platformApiRef } from '../../api/PlatformApi';
import { BackendErrorPanel } from '../BackendErrorPanel';
import { VerdictChip } from '../VerdictChip';
import { PLAIN_TABLE_OPTIONS } from '../plainTable';

const columns: TableColumn<ClusterNode>[] = [
  { title: 'Node', field: 'name', highlight: true },
  { title: 'Roles', render: n => n.roles.join(', ') || '—' },
  {
    title: 'Ready',
    render: n => <VerdictChip verdict={n.ready ? 'ok' : 'critical'} />,
  },
  { title: 'Kubelet', render: n => n.kubeletVersion ?? '—' },
  { title: 'CPU', render: n => n.capacity.cpu ?? '—' },
  { title: 'Memory', render: n => n.capacity.memory ?? '—' },
  { title: 'Pods', render: n => n.capacity.pods ?? '—' },
];

/** A cluster entity's nodes with their capacity, read live. @public */
export function ClusterNodesCard() {
  const { entity } = useEntity();
  const platformApi = useApi(platformApiRef);
  const { value, loading, error } = useAsync(
    () => platformApi.getCluster(entity.metadata.name),
    [platformApi, entity.metadata.name],
  );
  if (loading) return <Progress />;
  if (error) return <BackendErrorPanel error={error} />;
  return (
    <>
      {value?.liveError && (
        <BackendErrorPanel
          error={new Error(value.liveError)}
          title="Live detail unavailable"
        />
      )}
      <Table<ClusterNode>
        title={`Nodes (${value?.nodes.length ?? 0})`}
        options={PLAIN_TABLE_OPTIONS}
        columns={columns}
        data={value?.nodes ?? []}
      />
    </>
  );
}
