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
  ClusterSummary,
  FleetHealthResponse,
  LAYERS,
} from '@platform-portal/plugin-platform-common';
import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { useId, useMemo, useState } from 'react';
import { ClusterRow } from './ClusterRow';
import { MatrixCounts } from './MatrixCounts';
import { MatrixFilterBar } from './MatrixFilterBar';
import { moveFocusInMatrix } from './matrixKeyboard';
import { visibleLayers, visibleRows, worstFirst } from './matrixFilters';
import { ROW_HEIGHT, useMatrixStyles, VIEWPORT_HEIGHT } from './matrixStyles';
import { useMatrixFilters } from './useMatrixFilters';
import { useWindowedRows } from './useWindowedRows';

/** The fleet at a glance: clusters × layers, with filters and counts. */
export function FleetHealthMatrix(props: {
  health: FleetHealthResponse;
  clusters: ClusterSummary[];
  now?: Date;
}) {
  const { health, clusters } = props;
  const classes = useMatrixStyles();
  const keysHintId = useId();
  const [filters, setFilters] = useMatrixFilters();
  // One Tab stop for the whole matrix: the cell last focused (arrow keys
  // move between cells), or the first cell shown.
  const [activeCell, setActiveCell] = useState<[number, number]>([0, 0]);
  const clustersByName = useMemo(
    () => new Map(clusters.map(c => [c.name, c])),
    [clusters],
  );
  const layers = visibleLayers(LAYERS, filters);
  const layerIds = layers.map(l => l.id);
  const rows = worstFirst(
    visibleRows(
      health.clusters.map(h => ({
        health: h,
        cluster: clustersByName.get(h.cluster),
      })),
      layerIds,
      filters,
    ),
  );
  const windowed = useWindowedRows(rows.length, ROW_HEIGHT, VIEWPORT_HEIGHT);
  const [activeRow, activeColumn] =
    activeCell[0] >= windowed.start && activeCell[0] < windowed.end
      ? activeCell
      : [windowed.start, 0];
  const tabStop = (row: number, column: number) => ({
    tabIndex: row === activeRow && column === activeColumn ? 0 : -1,
    onFocus: () => setActiveCell([row, column]),
  });
  const now = props.now ?? new Date();

  return (
    <Paper>
      <Box p={2}>
        <MatrixFilterBar
          clusters={clusters}
          filters={filters}
          setFilters={setFilters}
        />
        <MatrixCounts
          rows={rows}
          layerIds={layerIds}
          total={health.clusters.length}
        />
        <Typography
          id={keysHintId}
          variant="caption"
          color="textSecondary"
          component="p"
        >
          Arrow keys move between cells; Enter opens the layer on that cluster.
        </Typography>
        {rows.length === 0 ? (
          <Typography>No cluster matches these filters.</Typography>
        ) : (
          <div className={classes.viewport} onScroll={windowed.onScroll}>
            {/* The keys are handled for the cell links inside (delegation):
                the table itself never takes focus. */}
            {/* eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions */}
            <table
              className={classes.table}
              aria-label="Fleet health matrix"
              aria-describedby={keysHintId}
              onKeyDown={moveFocusInMatrix}
            >
              <thead>
                <tr>
                  <th
                    className={`${classes.th} ${classes.clusterColumn} ${classes.corner}`}
                    scope="col"
                  >
                    Cluster
                  </th>
                  {layers.map(layer => (
                    <th
                      key={layer.id}
                      className={`${classes.th} ${classes.layerHeader}`}
                      scope="col"
                      title={layer.owners.join(', ')}
                    >
                      <span>{layer.title}</span>
                    </th>
                  ))}
                  <th className={classes.th} scope="col">
                    Observed
                  </th>
                </tr>
              </thead>
              <tbody>
                {windowed.padTop > 0 && (
                  <tr style={{ height: windowed.padTop }} aria-hidden />
                )}
                {rows.slice(windowed.start, windowed.end).map((row, i) => (
                  <ClusterRow
                    key={row.health.cluster}
                    row={row}
                    rowIndex={windowed.start + i}
                    layers={layers}
                    now={now}
                    tabStop={tabStop}
                  />
                ))}
                {windowed.padBottom > 0 && (
                  <tr style={{ height: windowed.padBottom }} aria-hidden />
                )}
              </tbody>
            </table>
          </div>
        )}
      </Box>
    </Paper>
  );
}
