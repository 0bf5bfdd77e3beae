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

import { Link } from '@backstage/core-components';
import {
  ApiUnreachableClass,
  ClusterSummary,
  FleetHealthResponse,
  HEALTH_VERDICTS,
  LAYERS,
} from '@platform-portal/plugin-platform-common';
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import Select from '@material-ui/core/Select';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { useId, useMemo, useState } from 'react';
import ErrorIcon from '@material-ui/icons/Error';
import { VerdictChip, verdictLabel } from '../VerdictChip';
import { formatAsOf } from '../VerdictChip/VerdictChip';
import { formatAge } from './formatAge';
import { cellPosition, moveFocusInMatrix } from './matrixKeyboard';
import {
  countClusters,
  countVerdicts,
  distinctValues,
  visibleLayers,
  visibleRows,
  worstFirst,
} from './matrixFilters';
import { useMatrixFilters } from './useMatrixFilters';
import { useWindowedRows } from './useWindowedRows';

const ROW_HEIGHT = 36;
const VIEWPORT_HEIGHT = 576;

const useStyles = makeStyles(theme => ({
  filters: {
    display: 'flex',
    gap: theme.spacing(2),
    alignItems: 'center',
    flexWrap: 'wrap',
  },
  select: { minWidth: 160 },
  counts: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(3),
    margin: theme.spacing(2, 0),
  },
  count: { display: 'inline-flex', alignItems: 'center', gap: 4 },
  criticalClusters: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: 4,
    fontWeight: 500,
  },
  // Under the cluster's name and in the Observed column, on two short lines
  // that fit the row's height, so the matrix keeps its width.
  unreachable: {
    display: 'flex',
    alignItems: 'center',
    gap: 2,
    color: theme.palette.error.dark,
    fontSize: '0.7rem',
    fontWeight: 500,
    lineHeight: 1.1,
  },
  outage: {
    display: 'block',
    fontSize: '0.75rem',
    lineHeight: 1.2,
  },
  // Thirteen layer names side by side do not fit a laptop's width; read
  // upwards they do, and the whole matrix stays in view.
  layerHeader: {
    textAlign: 'center',
    '@media (max-width: 1599px)': {
      '& > span': {
        writingMode: 'vertical-rl',
        transform: 'rotate(180deg)',
        whiteSpace: 'nowrap',
      },
    },
  },
  verdictCell: { textAlign: 'center' },
  viewport: { maxHeight: VIEWPORT_HEIGHT, overflow: 'auto' },
  table: { borderCollapse: 'collapse', width: '100%' },
  th: {
    position: 'sticky',
    top: 0,
    background: theme.palette.background.paper,
    zIndex: 1,
    padding: theme.spacing(1, 0.75),
    fontSize: '0.75rem',
    textAlign: 'left',
    verticalAlign: 'bottom',
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  // The cluster column stays in view when a narrow window scrolls sideways.
  clusterColumn: {
    position: 'sticky',
    left: 0,
    zIndex: 1,
    background: theme.palette.background.paper,
    textAlign: 'left',
  },
  corner: { zIndex: 2 },
  cellLink: {
    display: 'inline-block',
    borderRadius: theme.shape.borderRadius,
    '&:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: 2,
    },
  },
  td: {
    height: ROW_HEIGHT,
    padding: theme.spacing(0, 0.75),
    borderBottom: `1px solid ${theme.palette.divider}`,
    whiteSpace: 'nowrap',
  },
}));

const ANY = '';

/** An unreachable API's error class in a word, for the row. */
const SHORT_CLASS: Record<ApiUnreachableClass, string> = {
  refused: 'Refused',
  timeout: 'Timeout',
  tls: 'TLS',
  unauthorized: '401',
  forbidden: '403',
  network: 'Network',
};

/** The fleet at a glance: clusters × layers, with filters and counts. */
export function FleetHealthMatrix(props: {
  health: FleetHealthResponse;
  clusters: ClusterSummary[];
  now?: Date;
}) {
  const { health, clusters } = props;
  const classes = useStyles();
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
  const counts = countVerdicts(rows, layerIds);
  const clusterCounts = countClusters(rows);
  const windowed = useWindowedRows(rows.length, ROW_HEIGHT, VIEWPORT_HEIGHT);
  const [activeRow, activeColumn] =
    activeCell[0] >= windowed.start && activeCell[0] < windowed.end
      ? activeCell
      : [windowed.start, 0];
  const tabStop = (row: number, column: number) => ({
    tabIndex: row === activeRow && column === activeColumn ? 0 : -1,
    onFocus: () => setActiveCell([row, column]),
  });
  const teams = [...new Set(LAYERS.flatMap(l => l.owners))].sort();
  const now = props.now ?? new Date();

  const select = (
    label: string,
    key: 'environment' | 'provisioner' | 'team',
    options: string[],
  ) => (
    <FormControl className={classes.select} size="small">
      <InputLabel id={`filter-${key}`}>{label}</InputLabel>
      <Select
        labelId={`filter-${key}`}
        value={filters[key] ?? ANY}
        onChange={e =>
          setFilters({
            ...filters,
            [key]: (e.target.value as string) || undefined,
          })
        }
      >
        <MenuItem value={ANY}>All</MenuItem>
        {options.map(o => (
          <MenuItem key={o} value={o}>
            {o}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );

  return (
    <Paper>
      <Box p={2}>
        <div className={classes.filters}>
          {select(
            'Environment',
            'environment',
            distinctValues(clusters, 'environment'),
          )}
          {select(
            'Provisioner',
            'provisioner',
            distinctValues(clusters, 'provisioner'),
          )}
          {select('Owning team', 'team', teams)}
          <FormControlLabel
            control={
              <Checkbox
                checked={filters.onlyProblems}
                onChange={e =>
                  setFilters({ ...filters, onlyProblems: e.target.checked })
                }
              />
            }
            label="Only problems"
          />
        </div>
        <div className={classes.counts} aria-label="Verdict counts">
          <Typography variant="body2">
            {rows.length} of {health.clusters.length} clusters
          </Typography>
          <Typography
            variant="body2"
            component="span"
            className={classes.criticalClusters}
            data-testid="critical-clusters"
          >
            <VerdictChip verdict="critical" compact /> Critical clusters:{' '}
            {clusterCounts.critical}
            {clusterCounts.unreachable > 0 &&
              ` (${clusterCounts.unreachable} API unreachable)`}
          </Typography>
          {[...HEALTH_VERDICTS].reverse().map(v => (
            <Typography
              key={v}
              variant="body2"
              component="span"
              className={classes.count}
            >
              <VerdictChip verdict={v} compact /> {verdictLabel(v)} layers:{' '}
              {counts[v]}
            </Typography>
          ))}
        </div>
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
                {rows.slice(windowed.start, windowed.end).map((row, i) => {
                  const rowIndex = windowed.start + i;
                  const cells = new Map(
                    row.health.layers.map(c => [c.layer, c]),
                  );
                  const shown = row.health.layers.filter(c =>
                    layerIds.includes(c.layer),
                  );
                  const oldest = shown.map(c => c.observedAt).sort()[0];
                  const stale = shown.some(c => c.stale);
                  const outage = row.health.unreachable;
                  return (
                    <tr key={row.health.cluster}>
                      <th
                        className={`${classes.td} ${classes.clusterColumn}`}
                        scope="row"
                      >
                        <Link
                          to={`clusters/${encodeURIComponent(
                            row.health.cluster,
                          )}`}
                          className={classes.cellLink}
                          {...cellPosition(rowIndex, 0)}
                          {...tabStop(rowIndex, 0)}
                        >
                          {row.health.cluster}
                        </Link>
                        {outage && (
                          <span className={classes.unreachable}>
                            <ErrorIcon fontSize="inherit" aria-hidden /> API
                            unreachable
                          </span>
                        )}
                      </th>
                      {layers.map((layer, column) => {
                        const cell = cells.get(layer.id);
                        return (
                          <td
                            key={layer.id}
                            className={`${classes.td} ${classes.verdictCell}`}
                          >
                            <Link
                              to={`clusters/${encodeURIComponent(
                                row.health.cluster,
                              )}/layers/${layer.id}`}
                              className={classes.cellLink}
                              {...cellPosition(rowIndex, column + 1)}
                              {...tabStop(rowIndex, column + 1)}
                              aria-label={`${row.health.cluster} ${
                                layer.title
                              }: ${
                                cell?.lastKnown
                                  ? `last known ${verdictLabel(
                                      cell.verdict,
                                    )} ${formatAsOf(cell.observedAt, now)}`
                                  : `${verdictLabel(
                                      cell?.verdict ?? 'unknown',
                                    )}${cell?.stale ? ' (stale)' : ''}`
                              }`}
                            >
                              <VerdictChip
                                verdict={cell?.verdict ?? 'unknown'}
                                stale={cell?.stale}
                                title={
                                  cell?.lastKnown ? undefined : cell?.reason
                                }
                                lastKnownAt={
                                  cell?.lastKnown ? cell.observedAt : undefined
                                }
                                compact
                              />
                            </Link>
                          </td>
                        );
                      })}
                      <td className={classes.td}>
                        {outage ? (
                          <span title={outage.message}>
                            <span className={classes.outage}>
                              {SHORT_CLASS[outage.errorClass]} for{' '}
                              {formatAge(outage.since, now).replace(
                                / ago$/,
                                '',
                              )}
                            </span>
                            <span className={classes.outage}>
                              {oldest ? formatAsOf(oldest, now) : 'never read'}
                            </span>
                          </span>
                        ) : (
                          <>
                            {oldest ? formatAge(oldest, now) : 'never'}
                            {stale ? ' (stale)' : ''}
                          </>
                        )}
                      </td>
                    </tr>
                  );
                })}
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
