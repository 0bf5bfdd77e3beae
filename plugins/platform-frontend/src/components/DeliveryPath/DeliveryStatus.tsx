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

import { DeliveryStageStatus } from '@platform-portal/plugin-platform-common';
import { makeStyles } from '@material-ui/core/styles';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import HelpIcon from '@material-ui/icons/Help';
import LoopIcon from '@material-ui/icons/Loop';
import ScheduleIcon from '@material-ui/icons/Schedule';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    fontWeight: 500,
    whiteSpace: 'nowrap',
  },
  // The dark shades keep the words readable on the card (WCAG AA contrast).
  done: { color: theme.palette.success.dark },
  'in progress': { color: theme.palette.info.dark },
  failed: { color: theme.palette.error.dark },
  waiting: { color: theme.palette.text.secondary },
  unknown: { color: theme.palette.warning.dark },
}));

const ICONS: Record<DeliveryStageStatus, typeof HelpIcon> = {
  done: CheckCircleIcon,
  'in progress': LoopIcon,
  failed: ErrorIcon,
  waiting: ScheduleIcon,
  unknown: HelpIcon,
};

/** A delivery stage's status as an icon and its word, so it reads without colour. */
export function DeliveryStatus(props: { status: DeliveryStageStatus }) {
  const classes = useStyles();
  const Icon = ICONS[props.status] ?? HelpIcon;
  return (
    <span className={`${classes.root} ${classes[props.status] ?? ''}`}>
      <Icon fontSize="inherit" aria-hidden />
      {props.status}
    </span>
  );
}
