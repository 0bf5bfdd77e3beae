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

import { createFrontendModule } from '@backstage/frontend-plugin-api';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import { templateManagementPermission } from '@backstage/plugin-scaffolder-common/alpha';
import { authoringNotAllowedPages } from './authoringNotAllowedPages';

/**
 * The tabs for writing templates (the editor, the installed actions and the
 * templating extensions) are for those the permission policy lets manage
 * templates, the platform team: an app developer sees the templates and
 * their own tasks only. The scaffolder itself guards only the editor with
 * this permission, so the app asks for it for all three, once per session
 * as for any extension with `if`.
 */
export const templateAuthorsOnly = {
  permissions: { $contains: templateManagementPermission.name },
};

export const scaffolderModule = createFrontendModule({
  pluginId: 'scaffolder',
  extensions: [
    scaffolderPlugin
      .getExtension('sub-page:scaffolder/editor')
      .override({ if: templateAuthorsOnly }),
    scaffolderPlugin
      .getExtension('sub-page:scaffolder/actions')
      .override({ if: templateAuthorsOnly }),
    scaffolderPlugin
      .getExtension('sub-page:scaffolder/templating-extensions')
      .override({ if: templateAuthorsOnly }),
    ...authoringNotAllowedPages({ $not: templateAuthorsOnly }),
  ],
});
