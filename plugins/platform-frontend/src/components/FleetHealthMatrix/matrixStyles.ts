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

import { makeStyles } from '@material-ui/core/styles';

/** Rows have one height, so the windowing can place them without measuring. */
export const ROW_HEIGHT = 36;
export const VIEWPORT_HEIGHT = 576;

/** The styles of the matrix and its parts. */
export const useMatrixStyles = makeStyles(theme => ({
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
