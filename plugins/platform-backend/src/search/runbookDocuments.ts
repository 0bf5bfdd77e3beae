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

import { IndexableDocument } from '@backstage/plugin-search-common';
import { Runbook } from '@platform-portal/plugin-platform-common';

/** The search document type of the platform's runbooks. */
export const RUNBOOK_DOCUMENT_TYPE = 'platform-runbook';

/** Where the portal shows a runbook: its anchor on the runbooks page. */
export function runbookLocation(id: string): string {
  return `/platform/runbooks#runbook-${encodeURIComponent(id)}`;
}

/** One document per runbook: its title, then its steps with their commands. */
export function runbookDocuments(
  runbooks: readonly Runbook[],
): IndexableDocument[] {
  return runbooks.map(runbook => ({
    title: runbook.title,
    text: runbook.steps
      .map(
        (step, index) =>
          `${index + 1}. ${step.text}${
            step.commands.length ? `: ${step.commands.join('; ')}` : ''
          }`,
      )
      .join('\n'),
    location: runbookLocation(runbook.id),
  }));
}
