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

import { HealthVerdict } from '@platform-portal/plugin-platform-common';
import { makeStyles } from '@material-ui/core/styles';
import Tooltip from '@material-ui/core/Tooltip';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import HelpIcon from '@material-ui/icons/Help';
import WarningIcon from '@material-ui/icons/Warning';
import HistoryIcon from '@material-ui/icons/History';
import { statusWordLayout, verdictColour } from './statusWordStyles';

const LABELS: Record<HealthVerdict, string> = {
  ok: 'OK',
  warning: 'Warning',
  critical: 'Critical',
  unknown: 'Unknown',
};

const useStyles = makeStyles(theme => ({
  root: statusWordLayout(theme),
  ok: { color: verdictColour(theme, 'ok') },
  warning: { color: verdictColour(theme, 'warning') },
  critical: { color: verdictColour(theme, 'critical') },
  unknown: { color: verdictColour(theme, 'unknown') },
  stale: { color: theme.palette.text.secondary, fontSize: '1rem' },
  // A last known verdict keeps its icon and word, greyed: it is no longer
  // observed.
  lastKnown: {
    '& > svg': { opacity: 0.5 },
    // Darker than text.secondary: AA contrast on striped table rows too.
    '& > span': { color: theme.palette.grey[700] },
  },
  asOf: { fontSize: '0.75rem', whiteSpace: 'nowrap' },
}));

/** "as of 12:04" today, "as of 5 Dec, 12:04" before. */
export function formatAsOf(iso: string, now: Date = new Date()): string {
  const when = new Date(iso);
  const sameDay = when.toDateString() === now.toDateString();
  return `as of ${
    sameDay
      ? when.toLocaleTimeString(undefined, {
          hour: '2-digit',
          minute: '2-digit',
        })
      : when.toLocaleString(undefined, {
          day: 'numeric',
          month: 'short',
          hour: '2-digit',
          minute: '2-digit',
        })
  }`;
}

export function verdictLabel(verdict: HealthVerdict): string {
  return LABELS[verdict] ?? 'Unknown';
}

/**
 * A verdict told by icon and word as well as colour, so it reads without
 * colour vision and in a screen reader.
 */
export function VerdictChip(props: {
  verdict: HealthVerdict;
  stale?: boolean;
  compact?: boolean;
  title?: string;
  /** The time of a last known verdict (the cluster's API cannot be reached). */
  lastKnownAt?: string;
}) {
  const { verdict, compact, title, lastKnownAt } = props;
  const stale = props.stale && !lastKnownAt;
  const classes = useStyles();
  const asOf = lastKnownAt ? formatAsOf(lastKnownAt) : undefined;
  const label = asOf
    ? `Last known ${verdictLabel(verdict)}`
    : verdictLabel(verdict);
  const Icon =
    {
      ok: CheckCircleIcon,
      warning: WarningIcon,
      critical: ErrorIcon,
      unknown: HelpIcon,
    }[verdict] ?? HelpIcon;
  const description = `${label}${asOf ? ` ${asOf}` : ''}${
    stale ? ' (stale)' : ''
  }${title ? `: ${title}` : ''}`;
  // Compact, only the icon shows: it is an image named by the verdict.
  // Otherwise the word is there to read and the icon is decoration.
  return (
    <Tooltip title={description}>
      <span
        className={`${classes.root} ${classes[verdict] ?? classes.unknown} ${
          asOf ? classes.lastKnown : ''
        }`}
        {...(compact ? { role: 'img', 'aria-label': description } : {})}
        data-last-known={asOf ? 'true' : undefined}
      >
        <Icon fontSize="small" aria-hidden />
        {!compact && <span>{label}</span>}
        {!compact && asOf && <span className={classes.asOf}>{asOf}</span>}
        {stale &&
          (compact ? (
            <HistoryIcon className={classes.stale} aria-hidden />
          ) : (
            <HistoryIcon className={classes.stale} titleAccess="stale" />
          ))}
      </span>
    </Tooltip>
  );
}
