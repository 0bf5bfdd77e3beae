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
  HEALTH_VERDICTS,
  LayerId,
} from '@platform-portal/plugin-platform-common';
import Typography from '@material-ui/core/Typography';
import { VerdictChip, verdictLabel } from '../VerdictChip';
import { countClusters, countVerdicts, MatrixRow } from './matrixFilters';
import { useMatrixStyles } from './matrixStyles';

/** How many clusters the filters show, the critical ones, and the layers per verdict. */
export function MatrixCounts(props: {
  rows: MatrixRow[];
  layerIds: LayerId[];
  /** Every cluster, shown or not. */
  total: number;
}) {
  const { rows, layerIds } = props;
  const classes = useMatrixStyles();
  const counts = countVerdicts(rows, layerIds);
  const clusterCounts = countClusters(rows);
  return (
    <div className={classes.counts} aria-label="Verdict counts">
      <Typography variant="body2">
        {rows.length} of {props.total} clusters
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
  );
}
