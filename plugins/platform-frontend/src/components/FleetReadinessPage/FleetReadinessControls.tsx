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
  BUILD_OUT_PHASES,
  ClusterReadinessSummary,
} from '@platform-portal/plugin-platform-common';
import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { PhaseFilter, ReadinessSort, stuckCounts } from './readinessOrder';

const SORTS: Array<{ value: ReadinessSort; label: string }> = [
  { value: 'least-advanced', label: 'Least advanced first' },
  { value: 'most-advanced', label: 'Most advanced first' },
  { value: 'name', label: 'Cluster name' },
];

// Select values are strings; phases travel as their number.
const toFilter = (value: string): PhaseFilter =>
  /^\d+$/.test(value) ? Number(value) : (value as PhaseFilter);

/**
 * Narrows the fleet to the clusters stuck in one phase (each phase with how
 * many are stuck there) or built out of order, and orders it.
 */
export function FleetReadinessControls(props: {
  clusters: ClusterReadinessSummary[];
  filter: PhaseFilter;
  sort: ReadinessSort;
  onFilter: (filter: PhaseFilter) => void;
  onSort: (sort: ReadinessSort) => void;
}) {
  const counts = stuckCounts(props.clusters);
  const stuck = [...counts.values()].reduce((sum, n) => sum + n, 0);
  const outOfOrder = props.clusters.filter(c => c.outOfOrder).length;
  return (
    // On the paper colour: the outlined labels are too faint on the page's.
    <Box
      display="flex"
      flexWrap="wrap"
      gridGap={16}
      mb={2}
      p={2}
      bgcolor="background.paper"
      borderRadius={4}
    >
      <TextField
        select
        id="readiness-phase-filter"
        label="Show"
        variant="outlined"
        size="small"
        style={{ minWidth: 320 }}
        value={String(props.filter)}
        onChange={e => props.onFilter(toFilter(e.target.value))}
      >
        <MenuItem value="all">All clusters ({props.clusters.length})</MenuItem>
        <MenuItem value="stuck">Stuck in any phase ({stuck})</MenuItem>
        <MenuItem value="out-of-order">
          Built out of order ({outOfOrder})
        </MenuItem>
        {BUILD_OUT_PHASES.map(p => (
          <MenuItem key={p.number} value={String(p.number)}>
            Stuck in phase {p.number}: {p.title} ({counts.get(p.number) ?? 0})
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        id="readiness-sort"
        label="Order"
        variant="outlined"
        size="small"
        style={{ minWidth: 220 }}
        value={props.sort}
        onChange={e => props.onSort(e.target.value as ReadinessSort)}
      >
        {SORTS.map(s => (
          <MenuItem key={s.value} value={s.value}>
            {s.label}
          </MenuItem>
        ))}
      </TextField>
    </Box>
  );
}
