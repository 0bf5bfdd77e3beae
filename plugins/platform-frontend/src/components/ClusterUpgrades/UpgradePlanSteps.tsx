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

import { CodeSnippet, InfoCard } from '@backstage/core-components';
import { UpgradePlan } from '@platform-portal/plugin-platform-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';

/**
 * Long commands and manifests wrap inside their box (anywhere, as a path or
 * JSON patch has no spaces), clear of the copy button: a box that scrolled
 * sideways would need its own keyboard focus, and the copy button copies the
 * text unwrapped.
 */
const WRAPPED = { overflowWrap: 'anywhere', paddingRight: 48 } as const;

const DRY_RUN_LABEL = {
  accepted: 'Dry run accepted',
  rejected: 'Dry run rejected',
  skipped: 'Dry run skipped',
} as const;

/**
 * The plan for the cluster's provisioner as ordered steps, each with its
 * copyable commands. Plain text: the syntax theme's colours fail WCAG contrast.
 */
export function UpgradePlanSteps(props: { plan: UpgradePlan }) {
  const { plan } = props;
  return (
    <InfoCard title={`Plan (${plan.provisioner})`} subheader={plan.summary}>
      {plan.steps.length === 0 && (
        <Typography variant="body2">
          No step: nothing to upgrade was found.
        </Typography>
      )}
      <ol aria-label="Upgrade steps">
        {plan.steps.map(step => (
          <li key={step.order}>
            <Box mb={3}>
              <Typography variant="subtitle1" component="h3">
                {step.title}
              </Typography>
              {step.detail && (
                <Typography variant="body2" color="textSecondary" paragraph>
                  {step.detail}
                </Typography>
              )}
              <Box display="flex" flexWrap="wrap" mb={1}>
                {(step.disruptionBudgets ?? []).map(b => (
                  <Box key={b} mr={1} mb={1}>
                    <Chip size="small" label={`honours PDB ${b}`} />
                  </Box>
                ))}
                {step.dryRun && (
                  <Box mr={1} mb={1}>
                    <Chip
                      size="small"
                      color={
                        step.dryRun.outcome === 'rejected'
                          ? 'secondary'
                          : 'default'
                      }
                      label={DRY_RUN_LABEL[step.dryRun.outcome]}
                      title={step.dryRun.message}
                    />
                  </Box>
                )}
              </Box>
              {step.dryRun && step.dryRun.outcome !== 'accepted' && (
                <Typography variant="body2" paragraph>
                  {step.dryRun.message}
                </Typography>
              )}
              {step.commands.length > 0 && (
                <CodeSnippet
                  language="text"
                  text={step.commands.join('\n')}
                  showCopyCodeButton
                  wrapLongLines
                  customStyle={WRAPPED}
                />
              )}
              {step.manifest && (
                <Box mt={1}>
                  <CodeSnippet
                    language="text"
                    text={step.manifest}
                    showCopyCodeButton
                    wrapLongLines
                    customStyle={WRAPPED}
                  />
                </Box>
              )}
            </Box>
          </li>
        ))}
      </ol>
    </InfoCard>
  );
}
