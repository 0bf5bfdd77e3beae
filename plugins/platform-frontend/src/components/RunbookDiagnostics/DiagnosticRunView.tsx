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
import {
  DiagnosticRun,
  DiagnosticStepResult,
  RemediationResult,
} from '@platform-portal/plugin-platform-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { RemediationButton } from './RemediationButton';

const RESULT_LABEL: Record<DiagnosticStepResult, string> = {
  pass: 'Passed',
  fail: 'Cause found',
  warn: 'Look at this',
  error: 'Could not check',
  skipped: 'Not run',
};

/** A diagnostic run: steps with result and evidence, where it stopped, what to do. */
export function DiagnosticRunView(props: {
  run: DiagnosticRun;
  canRemediate: boolean;
  onRemediated(result: RemediationResult): void;
}) {
  const { run, canRemediate, onRemediated } = props;
  return (
    <Box>
      <Typography variant="subtitle1" role="status">
        {run.verdict === 'cause-found' &&
          `Stopped at “${
            run.steps.find(s => s.id === run.stoppedAt)?.title
          }”: ${run.cause}`}
        {run.verdict === 'healthy' && 'Every check passed.'}
        {run.verdict === 'inconclusive' &&
          'No cause found; some checks need a look.'}
      </Typography>
      <ol>
        {run.steps.map(step => (
          <li key={step.id} aria-label={step.title}>
            <Typography>
              <strong>{RESULT_LABEL[step.result]}</strong> · {step.title}
              {step.summary && ` — ${step.summary}`}
            </Typography>
            {step.evidence.length > 0 && (
              <ul>
                {step.evidence.map((line, i) => (
                  <li key={i}>
                    <Typography variant="body2" component="code">
                      {line}
                    </Typography>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
      {canRemediate && run.remediations.length > 0 && (
        <Box mt={1}>
          <Typography variant="h6">Remediation</Typography>
          {run.remediations.map(remediation => (
            <Box key={remediation.title} mb={1}>
              <RemediationButton
                cluster={run.cluster}
                remediation={remediation}
                onDone={onRemediated}
              />
            </Box>
          ))}
        </Box>
      )}
      {run.commands.length > 0 && (
        <Box mt={1}>
          <Typography variant="h6">Commands to run by hand</Typography>
          <Typography variant="body2" color="textSecondary">
            The portal never runs these: they are destructive.
          </Typography>
          {run.commands.map(command => (
            <Box key={command.command} mt={1}>
              <Typography variant="body2">{command.description}</Typography>
              <CodeSnippet
                language="bash"
                text={command.command}
                showCopyCodeButton
              />
            </Box>
          ))}
        </Box>
      )}
    </Box>
  );
}
