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

import { Table, TableColumn } from '@backstage/core-components';
import {
  getRunbook,
  HealthCheckResult,
} from '@platform-portal/plugin-platform-common';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { VerdictChip } from '../VerdictChip';
import { PLAIN_TABLE_OPTIONS } from '../plainTable';

const columns: TableColumn<HealthCheckResult>[] = [
  {
    title: 'Verdict',
    field: 'verdict',
    width: '120px',
    render: check => <VerdictChip verdict={check.verdict} />,
  },
  { title: 'Check', field: 'title' },
  { title: 'Finding', field: 'message' },
  {
    title: 'Evidence',
    render: check => (
      <>
        {check.evidence.map((e, i) => (
          <Typography key={i} variant="body2">
            <code>{e.object}</code> {e.field} = <strong>{e.value}</strong>{' '}
            <time dateTime={e.observedAt}>
              ({new Date(e.observedAt).toLocaleTimeString()})
            </time>
          </Typography>
        ))}
      </>
    ),
  },
  {
    title: 'Runbook',
    // Only a failing check names a remediation: the step its failure calls
    // for, whose commands are further down under "What to do".
    render: check => {
      if (check.verdict === 'ok' || check.verdict === 'unknown') return '—';
      if (check.remediation) {
        return (
          <Link href={`#runbook-${check.remediation.runbook}`}>
            {check.remediation.runbookTitle}, step {check.remediation.step}:{' '}
            {check.remediation.text}
          </Link>
        );
      }
      return check.runbook ? (
        <Link href={`#runbook-${check.runbook}`}>
          {getRunbook(check.runbook)?.title ?? check.runbook}
        </Link>
      ) : (
        '—'
      );
    },
  },
];

/**
 * Every check of a layer with its evidence; without runbooks while the
 * cluster's API cannot be reached, as their steps need it.
 */
export function ChecksTable(props: {
  checks: HealthCheckResult[];
  withRunbooks?: boolean;
}) {
  const shown =
    props.withRunbooks === false
      ? columns.filter(c => c.title !== 'Runbook')
      : columns;
  return (
    <Table<HealthCheckResult>
      title="Checks"
      options={PLAIN_TABLE_OPTIONS}
      columns={shown}
      data={props.checks}
      emptyContent={<Typography>No checks ran for this layer.</Typography>}
    />
  );
}
