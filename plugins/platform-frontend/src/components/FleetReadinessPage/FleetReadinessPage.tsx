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
import {
  BUILD_OUT_PHASES,
  ClusterReadinessSummary,
} from '@platform-portal/plugin-platform-common';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Switch from '@material-ui/core/Switch';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { platformApiRef } from '../../api/PlatformApi';
import { BackendErrorPanel } from '../BackendErrorPanel';
import { ReadinessStatusChip } from '../BuildOutReadiness';
import { PlatformLayout } from '../PlatformLayout';

const phaseTitle = (n?: number) =>
  BUILD_OUT_PHASES.find(p => p.number === n)?.title ?? '';

function stuckIn(c: ClusterReadinessSummary): string {
  if (c.stuckPhase) {
    return `Phase ${c.stuckPhase}: ${phaseTitle(c.stuckPhase)}`;
  }
  return c.error ? '—' : 'Every phase passes';
}

const columns: TableColumn<ClusterReadinessSummary>[] = [
  {
    title: 'Cluster',
    render: c => (
      <Link to={`../clusters/${encodeURIComponent(c.cluster)}/readiness`}>
        {c.cluster}
      </Link>
    ),
  },
  {
    title: 'Ready',
    render: c =>
      c.error ? (
        <Typography variant="body2" color="error">
          {c.error}
        </Typography>
      ) : (
        `${c.score.percent}% (${c.score.passed}/${c.score.total} passed${
          c.score.attested ? `, ${c.score.attested} attested` : ''
        })`
      ),
  },
  { title: 'Stuck in', render: c => stuckIn(c) },
  {
    title: 'Out of order',
    render: c => {
      const flagged = c.phases.filter(
        p => p.passesBeforeFailingPhase !== undefined,
      );
      return flagged.length
        ? `Phases ${flagged.map(p => p.number).join(', ')} pass while phase ${
            flagged[0].passesBeforeFailingPhase
          } fails`
        : '—';
    },
  },
  {
    title: 'Phases',
    render: c => (
      <span>
        {c.phases.map(p => (
          <Tooltip
            key={p.number}
            title={`Phase ${p.number}: ${phaseTitle(p.number)}, ${
              p.score.passed
            }/${p.score.total} passed`}
          >
            <span aria-label={`Phase ${p.number} ${p.status}`}>
              <ReadinessStatusChip status={p.status} />{' '}
            </span>
          </Tooltip>
        ))}
      </span>
    ),
  },
];

function FleetReadinessContent() {
  const platformApi = useApi(platformApiRef);
  const [stuckOnly, setStuckOnly] = useState(false);
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
  // Least advanced first: the clusters stuck earliest need attention first.
  const clusters = [...value.clusters]
    .filter(c => !stuckOnly || c.stuckPhase !== undefined)
    .sort(
      (a, b) =>
        (a.stuckPhase ?? 99) - (b.stuckPhase ?? 99) ||
        a.score.percent - b.score.percent,
    );
  return (
    <>
      <FormControlLabel
        control={
          <Switch
            checked={stuckOnly}
            onChange={e => setStuckOnly(e.target.checked)}
          />
        }
        label="Only clusters stuck in a phase"
      />
      <Table<ClusterReadinessSummary>
        title={`Build-out readiness (${clusters.length} clusters)`}
        options={{ paging: false, search: false, padding: 'dense' }}
        columns={columns}
        data={clusters}
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
      <FleetReadinessContent />
    </PlatformLayout>
  );
}
