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

import { Link, TableColumn } from '@backstage/core-components';
import {
  BUILD_OUT_PHASES,
  ClusterReadinessSummary,
} from '@platform-portal/plugin-platform-common';
import Typography from '@material-ui/core/Typography';
import WarningIcon from '@material-ui/icons/Warning';
import { describeScore, OutOfOrderText } from '../BuildOutReadiness';
import { PhaseStrip } from './PhaseStrip';

const phaseTitle = (n?: number) =>
  BUILD_OUT_PHASES.find(p => p.number === n)?.title ?? '';

function stuckIn(c: ClusterReadinessSummary): string {
  if (c.stuckPhase) {
    return `Phase ${c.stuckPhase}: ${phaseTitle(c.stuckPhase)}`;
  }
  return c.error ? '—' : 'Every phase passes';
}

function OutOfOrder(props: { summary: ClusterReadinessSummary }) {
  const flagged = props.summary.phases.filter(
    p => p.passesBeforeFailingPhase !== undefined,
  );
  if (!flagged.length) return <>—</>;
  return (
    <OutOfOrderText>
      <WarningIcon
        fontSize="inherit"
        aria-hidden
        style={{ verticalAlign: 'text-top', marginRight: 4 }}
      />
      Phases {flagged.map(p => p.number).join(', ')} pass while phase{' '}
      {flagged[0].passesBeforeFailingPhase} fails
    </OutOfOrderText>
  );
}

/** The fleet readiness table: where each cluster stands in the build-out. */
export const fleetReadinessColumns: TableColumn<ClusterReadinessSummary>[] = [
  {
    title: 'Cluster',
    width: '16%',
    render: c => (
      <Link to={`../clusters/${encodeURIComponent(c.cluster)}/readiness`}>
        {c.cluster}
      </Link>
    ),
  },
  {
    title: 'Stuck in',
    width: '18%',
    render: c => <Typography variant="body2">{stuckIn(c)}</Typography>,
  },
  {
    title: 'Ready',
    width: '16%',
    render: c =>
      c.error ? (
        <OutOfOrderText>{c.error}</OutOfOrderText>
      ) : (
        <>
          <Typography variant="body2">{c.score.percent}%</Typography>
          <Typography variant="caption" color="textSecondary">
            {describeScore(c.score)}
          </Typography>
        </>
      ),
  },
  {
    title: 'Out of order',
    width: '20%',
    render: c => <OutOfOrder summary={c} />,
  },
  // Wide enough for the 11 phases on two lines.
  { title: 'Phases', width: '30%', render: c => <PhaseStrip summary={c} /> },
];
