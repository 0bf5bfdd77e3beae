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

import { CodeSnippet } from '@backstage/core-components';
import { getRunbook } from '@platform-portal/plugin-platform-common';
import Typography from '@material-ui/core/Typography';

/** A runbook's steps in order, with their commands, rendered in the page. */
export function RunbookSteps(props: { id: string }) {
  const runbook = getRunbook(props.id);
  if (!runbook) {
    return (
      <Typography color="textSecondary">
        No runbook named {props.id}.
      </Typography>
    );
  }
  return (
    <section aria-label={`Runbook: ${runbook.title}`}>
      <Typography variant="h6">Runbook: {runbook.title}</Typography>
      <ol>
        {runbook.steps.map((step, i) => (
          <li key={i}>
            <Typography>{step.text}</Typography>
            {step.commands.length > 0 && (
              <CodeSnippet language="bash" text={step.commands.join('\n')} />
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
