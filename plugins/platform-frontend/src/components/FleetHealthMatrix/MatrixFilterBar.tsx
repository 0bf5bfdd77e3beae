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
  LAYERS,
} from '@platform-portal/plugin-platform-common';
import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import { distinctValues, MatrixFilters } from './matrixFilters';
import { useMatrixStyles } from './matrixStyles';

const ANY = '';

/** The matrix's filters: environment, provisioner, owning team, only problems. */
export function MatrixFilterBar(props: {
  clusters: ClusterSummary[];
  filters: MatrixFilters;
  setFilters: (filters: MatrixFilters) => void;
}) {
  const { clusters, filters, setFilters } = props;
  const classes = useMatrixStyles();
  const teams = [...new Set(LAYERS.flatMap(l => l.owners))].sort();

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
  );
}
