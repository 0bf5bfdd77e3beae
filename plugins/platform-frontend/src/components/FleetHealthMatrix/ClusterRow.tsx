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
  LayerDefinition,
} from '@platform-portal/plugin-platform-common';
import ErrorIcon from '@material-ui/icons/Error';
import { VerdictChip, verdictLabel } from '../VerdictChip';
import { formatAsOf } from '../VerdictChip/VerdictChip';
import { formatAge } from './formatAge';
import { cellPosition } from './matrixKeyboard';
import { MatrixRow } from './matrixFilters';
import { useMatrixStyles } from './matrixStyles';

/** An unreachable API's error class in a word, for the row. */
const SHORT_CLASS: Record<ApiUnreachableClass, string> = {
  refused: 'Refused',
  timeout: 'Timeout',
  tls: 'TLS',
  unauthorized: '401',
  forbidden: '403',
  network: 'Network',
};

/** One cluster's row: its name, a verdict link per shown layer, and how fresh they are. */
export function ClusterRow(props: {
  row: MatrixRow;
  /** The row's index among all rows, shown or windowed out. */
  rowIndex: number;
  layers: LayerDefinition[];
  now: Date;
  /** Makes the cell the matrix's one Tab stop when it is the active cell. */
  tabStop: (
    row: number,
    column: number,
  ) => { tabIndex: number; onFocus: () => void };
}) {
  const { row, rowIndex, layers, now, tabStop } = props;
  const classes = useMatrixStyles();
  const layerIds = layers.map(l => l.id);
  const cells = new Map(row.health.layers.map(c => [c.layer, c]));
  const shown = row.health.layers.filter(c => layerIds.includes(c.layer));
  const oldest = shown.map(c => c.observedAt).sort()[0];
  const stale = shown.some(c => c.stale);
  const outage = row.health.unreachable;
  return (
    <tr>
      <th className={`${classes.td} ${classes.clusterColumn}`} scope="row">
        <Link
          to={`clusters/${encodeURIComponent(row.health.cluster)}`}
          className={classes.cellLink}
          {...cellPosition(rowIndex, 0)}
          {...tabStop(rowIndex, 0)}
        >
          {row.health.cluster}
        </Link>
        {outage && (
          <span className={classes.unreachable}>
            <ErrorIcon fontSize="inherit" aria-hidden /> API unreachable
          </span>
        )}
      </th>
      {layers.map((layer, column) => {
        const cell = cells.get(layer.id);
        return (
          <td key={layer.id} className={`${classes.td} ${classes.verdictCell}`}>
            <Link
              to={`clusters/${encodeURIComponent(row.health.cluster)}/layers/${
                layer.id
              }`}
              className={classes.cellLink}
              {...cellPosition(rowIndex, column + 1)}
              {...tabStop(rowIndex, column + 1)}
              aria-label={`${row.health.cluster} ${layer.title}: ${
                cell?.lastKnown
                  ? `last known ${verdictLabel(cell.verdict)} ${formatAsOf(
                      cell.observedAt,
                      now,
                    )}`
                  : `${verdictLabel(cell?.verdict ?? 'unknown')}${
                      cell?.stale ? ' (stale)' : ''
                    }`
              }`}
            >
              <VerdictChip
                verdict={cell?.verdict ?? 'unknown'}
                stale={cell?.stale}
                title={cell?.lastKnown ? undefined : cell?.reason}
                lastKnownAt={cell?.lastKnown ? cell.observedAt : undefined}
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
              {formatAge(outage.since, now).replace(/ ago$/, '')}
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
}
