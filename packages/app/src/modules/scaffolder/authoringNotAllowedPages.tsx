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

import { PageBlueprint } from '@backstage/frontend-plugin-api';

/** The scaffolder's authoring sub-pages, by their path under /create. */
const AUTHORING_PAGES = [
  { name: 'editor', path: 'edit', title: 'The template editor' },
  { name: 'actions', path: 'actions', title: 'The list of installed actions' },
  {
    name: 'templating-extensions',
    path: 'templating-extensions',
    title: 'The list of templating extensions',
  },
];

type Condition = Parameters<typeof PageBlueprint.make>[0]['if'];

/**
 * Pages at the authoring sub-pages' addresses for whoever `when` holds for
 * (those the sub-pages are hidden from): a bookmark or a typed address gets
 * a 403 that says why, not the scaffolder's empty frame. The more specific
 * path wins over the scaffolder's /create.
 */
export function authoringNotAllowedPages(when: Condition) {
  return AUTHORING_PAGES.map(page =>
    PageBlueprint.make({
      name: `not-allowed-${page.name}`,
      if: when,
      params: {
        path: `/create/${page.path}`,
        noHeader: true,
        loader: () =>
          import('./TemplateAuthoringNotAllowed').then(m => (
            <m.TemplateAuthoringNotAllowed page={page.title} />
          )),
      },
    }),
  );
}
