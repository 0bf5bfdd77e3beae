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
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import { ReadinessStatusChip, describeScore } from '../BuildOutReadiness';

const useStyles = makeStyles(theme => ({
  strip: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.75),
    margin: 0,
    padding: 0,
    listStyle: 'none',
  },
}));

const STATUS_WORDS = {
  complete: 'complete',
  passing: 'passing',
  incomplete: 'incomplete',
  failing: 'failing',
} as const;

/**
 * A cluster's 11 phases in a row, each its number with the status icon; the
 * words (title, status, score) are its accessible name and tooltip.
 */
export function PhaseStrip(props: { summary: ClusterReadinessSummary }) {
  const classes = useStyles();
  const { summary } = props;
  return (
    <ul
      className={classes.strip}
      aria-label={`Build-out phases of ${summary.cluster}`}
    >
      {summary.phases.map(p => {
        const title = BUILD_OUT_PHASES.find(d => d.number === p.number)?.title;
        const words = `Phase ${p.number}: ${title}, ${
          STATUS_WORDS[p.status] ?? p.status
        }; ${describeScore(p.score, p.number)}${
          p.passesBeforeFailingPhase !== undefined
            ? `; passes while phase ${p.passesBeforeFailingPhase} fails`
            : ''
        }`;
        return (
          <li key={p.number}>
            <Tooltip title={words}>
              <span role="img" aria-label={words}>
                <ReadinessStatusChip
                  status={p.status}
                  label={String(p.number)}
                />
              </span>
            </Tooltip>
          </li>
        );
      })}
    </ul>
  );
}
