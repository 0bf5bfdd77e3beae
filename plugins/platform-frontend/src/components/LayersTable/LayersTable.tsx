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
import { LayerDefinition } from '@platform-portal/plugin-platform-common';
import { PLAIN_TABLE_OPTIONS } from '../plainTable';

const columns: TableColumn<LayerDefinition>[] = [
  { title: 'Layer', field: 'title', highlight: true },
  { title: 'Id', field: 'id' },
  { title: 'Components', render: layer => layer.components.join(', ') },
  {
    title: 'Owners',
    render: layer => (
      <>
        {layer.owners.map((owner, i) => (
          <span key={owner}>
            {i > 0 && ', '}
            <Link to={`/catalog/default/group/${owner}`}>{owner}</Link>
          </span>
        ))}
      </>
    ),
  },
];

/** The 13 layers of the platform with their owning teams. */
export function LayersTable(props: { layers: LayerDefinition[] }) {
  return (
    <Table<LayerDefinition>
      title="Platform layers"
      options={PLAIN_TABLE_OPTIONS}
      columns={columns}
      data={props.layers}
    />
  );
}
