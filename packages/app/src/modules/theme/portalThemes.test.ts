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
  decomposeColor,
  getContrastRatio,
  Theme,
} from '@material-ui/core/styles';
import { portalThemes } from './portalThemes';

/** `color` as it shows on `background`, its alpha blended in. */
function onBackground(color: string, background: string): string {
  const { values: fg } = decomposeColor(color);
  const { values: bg } = decomposeColor(background);
  const alpha = fg[3] ?? 1;
  const mixed = [0, 1, 2].map(i =>
    Math.round(alpha * fg[i] + (1 - alpha) * bg[i]),
  );
  return `rgb(${mixed.join(', ')})`;
}

function contrast(theme: Theme, color: string) {
  const { default: page, paper } = theme.palette.background;
  return Math.min(
    getContrastRatio(onBackground(color, page), page),
    getContrastRatio(onBackground(color, paper), paper),
  );
}

describe.each(['light', 'dark'] as const)('the portal %s theme', variant => {
  const theme = portalThemes[variant].getTheme('v4') as Theme;

  it('gives form field errors an error colour of at least 4.5:1 on the page and on paper', () => {
    expect(contrast(theme, theme.palette.error.main)).toBeGreaterThanOrEqual(
      4.5,
    );
  });

  it('keeps secondary text at 4.5:1 or more on the page and on paper', () => {
    expect(
      contrast(theme, theme.palette.text.secondary),
    ).toBeGreaterThanOrEqual(4.5);
  });
});
