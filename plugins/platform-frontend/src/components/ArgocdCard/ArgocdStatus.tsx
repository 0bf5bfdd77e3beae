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
import PauseCircleFilledIcon from '@material-ui/icons/PauseCircleFilled';
import ReportProblemIcon from '@material-ui/icons/ReportProblem';
import SyncProblemIcon from '@material-ui/icons/SyncProblem';

type Tone = 'good' | 'busy' | 'bad' | 'neutral';

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
  neutral: { color: theme.palette.text.secondary },
}));

const LOOK: Record<string, { icon: typeof HelpIcon; tone: Tone }> = {
  Synced: { icon: CheckCircleIcon, tone: 'good' },
  OutOfSync: { icon: SyncProblemIcon, tone: 'bad' },
  Healthy: { icon: CheckCircleIcon, tone: 'good' },
  Progressing: { icon: LoopIcon, tone: 'busy' },
  Degraded: { icon: ErrorIcon, tone: 'bad' },
  Suspended: { icon: PauseCircleFilledIcon, tone: 'neutral' },
  Missing: { icon: ReportProblemIcon, tone: 'bad' },
  Running: { icon: LoopIcon, tone: 'busy' },
  Terminating: { icon: LoopIcon, tone: 'busy' },
  Succeeded: { icon: CheckCircleIcon, tone: 'good' },
  Failed: { icon: ErrorIcon, tone: 'bad' },
  Error: { icon: ErrorIcon, tone: 'bad' },
};

/**
 * An Argo CD status word (sync, health or operation phase) with an icon, so
 * it reads without colour; words Argo CD may add later show as they come
 * with a neutral icon.
 */
export function ArgocdStatus(props: { kind: string; status: string }) {
  const classes = useStyles();
  const look = LOOK[props.status] ?? { icon: HelpIcon, tone: 'neutral' };
  const Icon = look.icon;
  return (
    <span
      className={`${classes.root} ${classes[look.tone]}`}
      role="img"
      aria-label={`${props.kind}: ${props.status}`}
    >
      <Icon fontSize="small" aria-hidden />
      <span aria-hidden>{props.status}</span>
    </span>
  );
}
