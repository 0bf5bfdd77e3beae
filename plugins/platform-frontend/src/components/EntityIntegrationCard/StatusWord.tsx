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
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import HelpIcon from '@material-ui/icons/Help';
import LoopIcon from '@material-ui/icons/Loop';
import NotInterestedIcon from '@material-ui/icons/NotInterested';
import ScheduleIcon from '@material-ui/icons/Schedule';
import WarningIcon from '@material-ui/icons/Warning';

type Tone = 'good' | 'busy' | 'bad' | 'warn' | 'neutral';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    fontWeight: 500,
    whiteSpace: 'nowrap',
  },
  // The dark shades keep the words readable on the card (WCAG AA contrast).
  good: { color: theme.palette.success.dark },
  busy: { color: theme.palette.info.dark },
  bad: { color: theme.palette.error.dark },
  warn: { color: theme.palette.warning.dark },
  neutral: { color: theme.palette.text.secondary },
}));

/** GitLab pipeline and job statuses, Grafana alert states and severities, Argo CD statuses, delivery stages. */
const LOOK: Record<string, { icon: typeof HelpIcon; tone: Tone }> = {
  success: { icon: CheckCircleIcon, tone: 'good' },
  failed: { icon: ErrorIcon, tone: 'bad' },
  running: { icon: LoopIcon, tone: 'busy' },
  pending: { icon: ScheduleIcon, tone: 'busy' },
  created: { icon: ScheduleIcon, tone: 'neutral' },
  preparing: { icon: ScheduleIcon, tone: 'busy' },
  waiting_for_resource: { icon: ScheduleIcon, tone: 'busy' },
  canceled: { icon: NotInterestedIcon, tone: 'neutral' },
  canceling: { icon: NotInterestedIcon, tone: 'neutral' },
  skipped: { icon: NotInterestedIcon, tone: 'neutral' },
  manual: { icon: ScheduleIcon, tone: 'neutral' },
  scheduled: { icon: ScheduleIcon, tone: 'neutral' },
  alerting: { icon: ErrorIcon, tone: 'bad' },
  firing: { icon: ErrorIcon, tone: 'bad' },
  critical: { icon: ErrorIcon, tone: 'bad' },
  warning: { icon: WarningIcon, tone: 'warn' },
  info: { icon: HelpIcon, tone: 'neutral' },
  // Argo CD sync and health statuses and operation phases.
  synced: { icon: CheckCircleIcon, tone: 'good' },
  outofsync: { icon: WarningIcon, tone: 'bad' },
  healthy: { icon: CheckCircleIcon, tone: 'good' },
  progressing: { icon: LoopIcon, tone: 'busy' },
  degraded: { icon: ErrorIcon, tone: 'bad' },
  suspended: { icon: NotInterestedIcon, tone: 'neutral' },
  missing: { icon: ErrorIcon, tone: 'bad' },
  succeeded: { icon: CheckCircleIcon, tone: 'good' },
  terminating: { icon: NotInterestedIcon, tone: 'busy' },
  error: { icon: ErrorIcon, tone: 'bad' },
  // Delivery stages ("in progress" is looked up by its first word).
  done: { icon: CheckCircleIcon, tone: 'good' },
  in: { icon: LoopIcon, tone: 'busy' },
  waiting: { icon: ScheduleIcon, tone: 'neutral' },
  unknown: { icon: HelpIcon, tone: 'warn' },
};

/**
 * An upstream's status word with an icon, so it reads without colour;
 * words the upstream may add later show as they come with a neutral icon.
 */
export function StatusWord(props: { value: string }) {
  const classes = useStyles();
  const key = props.value.toLowerCase().split(' ')[0];
  const look = LOOK[key] ?? { icon: HelpIcon, tone: 'neutral' as Tone };
  const Icon = look.icon;
  return (
    <span className={`${classes.root} ${classes[look.tone]}`}>
      <Icon fontSize="inherit" aria-hidden />
      {props.value}
    </span>
  );
}
