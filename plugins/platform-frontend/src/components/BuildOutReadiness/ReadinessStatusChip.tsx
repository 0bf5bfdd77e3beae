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
  ReadinessPhaseStatus,
  ReadinessStepStatus,
} from '@platform-portal/plugin-platform-common';
import { makeStyles } from '@material-ui/core/styles';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import HelpIcon from '@material-ui/icons/Help';
import HourglassEmptyIcon from '@material-ui/icons/HourglassEmpty';
import PersonIcon from '@material-ui/icons/Person';
import WarningIcon from '@material-ui/icons/Warning';
import { statusWordLayout, verdictColour } from '../VerdictChip';

type Status = ReadinessStepStatus | ReadinessPhaseStatus;

const LOOK: Record<
  Status,
  { label: string; tone: Tone; Icon: typeof HelpIcon }
> = {
  passed: { label: 'Passed', tone: 'good', Icon: CheckCircleIcon },
  complete: { label: 'Complete', tone: 'good', Icon: CheckCircleIcon },
  passing: { label: 'Passing', tone: 'good', Icon: CheckCircleIcon },
  warning: { label: 'Warning', tone: 'warn', Icon: WarningIcon },
  incomplete: { label: 'Incomplete', tone: 'warn', Icon: WarningIcon },
  failed: { label: 'Failed', tone: 'bad', Icon: ErrorIcon },
  failing: { label: 'Failing', tone: 'bad', Icon: ErrorIcon },
  unknown: { label: 'Unknown', tone: 'quiet', Icon: HelpIcon },
  // A person's word: its own look, never the passed one.
  attested: { label: 'Attested', tone: 'person', Icon: PersonIcon },
  'awaiting-attestation': {
    label: 'Awaiting attestation',
    tone: 'quiet',
    Icon: HourglassEmptyIcon,
  },
};

type Tone = 'good' | 'warn' | 'bad' | 'quiet' | 'person';

const useStyles = makeStyles(theme => ({
  root: statusWordLayout(theme),
  good: { color: verdictColour(theme, 'ok') },
  warn: { color: verdictColour(theme, 'warning') },
  bad: { color: verdictColour(theme, 'critical') },
  quiet: { color: verdictColour(theme, 'unknown') },
  // 4.5:1 on white and on the page background, as the verdict colours.
  person: {
    color: theme.palette.type === 'dark' ? theme.palette.info.light : '#1565c0',
  },
}));

/**
 * A step's or phase's status in icon and words, readable without colour.
 * `label` replaces the words where the surroundings name the status (a
 * phase number whose accessible name says it).
 */
export function ReadinessStatusChip(props: { status: Status; label?: string }) {
  const classes = useStyles();
  const look = LOOK[props.status] ?? LOOK.unknown;
  const { Icon } = look;
  return (
    <span className={`${classes.root} ${classes[look.tone]}`}>
      <Icon fontSize="small" aria-hidden />
      {props.label ?? look.label}
    </span>
  );
}
