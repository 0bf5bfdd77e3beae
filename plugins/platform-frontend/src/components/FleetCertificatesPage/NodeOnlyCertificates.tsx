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

import { Link, Table, TableColumn } from '@backstage/core-components';
import { FleetCertificateNotReadable } from '@platform-portal/plugin-platform-common';
import { PLAIN_TABLE_OPTIONS } from '../plainTable';

const columns: TableColumn<FleetCertificateNotReadable>[] = [
  {
    title: 'Cluster',
    render: r => (
      <Link to={`../clusters/${encodeURIComponent(r.cluster)}`}>
        {r.cluster}
      </Link>
    ),
  },
  { title: 'Certificates', field: 'certificates' },
  { title: 'Why the portal cannot show them', field: 'reason' },
  {
    title: 'Read them on a control-plane node with',
    render: r => <code>{r.command}</code>,
  },
];

/**
 * Certificates no Kubernetes API exposes, one row per cluster: said so,
 * with the command that reads them, rather than left out or guessed.
 */
export function NodeOnlyCertificates(props: {
  rows: FleetCertificateNotReadable[];
}) {
  if (props.rows.length === 0) return null;
  return (
    <Table<FleetCertificateNotReadable>
      title={`Not readable through the Kubernetes API (${props.rows.length})`}
      options={PLAIN_TABLE_OPTIONS}
      columns={columns}
      data={props.rows}
    />
  );
}
