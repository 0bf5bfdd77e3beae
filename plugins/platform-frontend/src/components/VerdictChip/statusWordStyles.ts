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

import { Theme } from '@material-ui/core/styles';
import { CSSProperties } from '@material-ui/core/styles/withStyles';
import { HealthVerdict } from '@platform-portal/plugin-platform-common';

// The palette's main colours fall short of 4.5:1 on the light page
// background; these darker shades meet WCAG AA on white and on #f8f8f8.
const LIGHT_THEME_COLOURS: Record<HealthVerdict, string> = {
  ok: '#2e7d32',
  warning: '#8a5300',
  critical: '#c62828',
  unknown: '#616161',
};

/** A verdict's text colour, readable (4.5:1) on the theme's backgrounds. */
export function verdictColour(theme: Theme, verdict: HealthVerdict): string {
  if (theme.palette.type !== 'dark') return LIGHT_THEME_COLOURS[verdict];
  const onDark: Record<HealthVerdict, string> = {
    ok: theme.palette.success.light,
    warning: theme.palette.warning.light,
    critical: theme.palette.error.light,
    unknown: theme.palette.text.secondary,
  };
  return onDark[verdict];
}

/** A status word with its icon, laid out as one piece of a line of text. */
export function statusWordLayout(theme: Theme): CSSProperties {
  return {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    fontWeight: 500,
    whiteSpace: 'nowrap',
    // In a line of text, centred on it rather than raised by the icon.
    verticalAlign: 'middle',
  };
}
