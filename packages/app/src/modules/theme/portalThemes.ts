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

import { createUnifiedTheme, palettes } from '@backstage/theme';

/**
 * Backstage's palettes with the text colours that fall short of WCAG AA
 * (4.5:1) raised. Form field errors (the scaffolder's included) take
 * `error.main`, which Material UI sets to #f44336: 3.5:1 on the page
 * background. Secondary text is rgba(0,0,0,0.54): 4.47:1 on #F8F8F8.
 */
export const portalPalettes = {
  light: {
    ...palettes.light,
    // Backstage's own error text colour: 5.6:1 on #F8F8F8, 5.9:1 on white.
    error: { main: palettes.light.errorText },
    // 5.7:1 on #F8F8F8.
    text: { primary: 'rgba(0, 0, 0, 0.87)', secondary: 'rgba(0, 0, 0, 0.6)' },
  },
  dark: {
    ...palettes.dark,
    // 5.9:1 on the page (#333333), 4.7:1 on paper (#424242).
    error: { main: '#EF9A9A' },
  },
};

export const portalThemes = {
  light: createUnifiedTheme({ palette: portalPalettes.light }),
  dark: createUnifiedTheme({ palette: portalPalettes.dark }),
};
