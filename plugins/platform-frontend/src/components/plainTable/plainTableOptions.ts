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

import { TableOptions } from '@backstage/core-components';

/**
 * Options for the short lists of the platform pages, shown in their natural
 * order (layers in stack order, checks as the engine runs them): no paging,
 * search or sort buttons. material-table's sort buttons also nest an
 * interactive control in each header, which axe reports as serious.
 */
export const PLAIN_TABLE_OPTIONS: TableOptions = {
  paging: false,
  search: false,
  sorting: false,
  padding: 'dense',
};
