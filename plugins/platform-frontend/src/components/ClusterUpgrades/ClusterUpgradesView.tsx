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

import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import Typography from '@material-ui/core/Typography';
import { Alert } from '@material-ui/lab';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { platformApiRef } from '../../api/PlatformApi';
import { BackendErrorPanel } from '../BackendErrorPanel';
import { UpgradeFindingCard } from './UpgradeFindingCard';
import { UpgradePlanSteps } from './UpgradePlanSteps';

/** The next three minors after `v1.32.8`: 1.33, 1.34, 1.35. */
export function laterMinors(currentVersion: string, count = 3): string[] {
  const match = /^v?(\d+)\.(\d+)/.exec(currentVersion);
  if (!match) return [];
  const [major, minor] = [Number(match[1]), Number(match[2])];
  return Array.from({ length: count }, (_, i) => `${major}.${minor + i + 1}`);
}

/**
 * A cluster's upgrade to a chosen version: what blocks it, with the evidence
 * and the runbook, and the plan for its provisioner as ordered steps.
 */
export function ClusterUpgradesView(props: { cluster: string }) {
  const platformApi = useApi(platformApiRef);
  const [target, setTarget] = useState<string | undefined>(undefined);
  const { value, loading, error } = useAsync(
    () => platformApi.getClusterUpgrade(props.cluster, target),
    [platformApi, props.cluster, target],
  );
  if (loading) return <Progress />;
  if (error)
    return <BackendErrorPanel error={error} title="Upgrade plan unavailable" />;
  if (!value) return null;
  const choices = laterMinors(value.currentVersion);
  if (!choices.includes(value.target)) choices.unshift(value.target);
  // Sections stack as plain blocks. A column Grid wraps, and a wrapping flex
  // container sizes each line to its widest item's max-content: a long
  // command or field path made every card wider than the page.
  return (
    <Box>
      <Box mb={3}>
        <InfoCard
          title={`Upgrade ${value.cluster} to Kubernetes ${value.target}`}
          subheader={`Runs ${value.currentVersion}, made with ${
            value.provisioner
          }; read ${new Date(value.observedAt).toLocaleString()}`}
        >
          <Box display="flex" alignItems="center" flexWrap="wrap">
            <FormControl
              variant="outlined"
              size="small"
              style={{ minWidth: 160 }}
            >
              <InputLabel id="upgrade-target-label">Target version</InputLabel>
              <Select
                labelId="upgrade-target-label"
                label="Target version"
                // A name gives the shown value an id, so the picker's
                // accessible name is its label and the version it shows.
                name="upgrade-target"
                value={value.target}
                onChange={e => setTarget(String(e.target.value))}
              >
                {choices.map(c => (
                  <MenuItem key={c} value={c}>
                    {c}
                  </MenuItem>
                ))}
              </Select>
            </FormControl>
            <Box ml={2} flex={1}>
              {value.blockers.length > 0 ? (
                <Alert severity="error">
                  {value.blockers.length} blocker
                  {value.blockers.length === 1 ? '' : 's'}: the upgrade to{' '}
                  {value.target} waits until{' '}
                  {value.blockers.length === 1 ? 'it is' : 'they are'} cleared.
                </Alert>
              ) : (
                <Alert severity="success">
                  Nothing blocks the upgrade to {value.target}.
                </Alert>
              )}
            </Box>
          </Box>
          {value.notChecked.map(note => (
            <Box mt={1} key={note}>
              <Alert severity="info">{note}</Alert>
            </Box>
          ))}
        </InfoCard>
      </Box>
      {value.blockers.length > 0 && (
        <Box mb={3}>
          <Typography variant="h5" component="h2" gutterBottom>
            Blockers
          </Typography>
          {value.blockers.map(f => (
            <Box mb={2} key={f.id}>
              <UpgradeFindingCard finding={f} />
            </Box>
          ))}
        </Box>
      )}
      {value.warnings.length > 0 && (
        <Box mb={3}>
          <Typography variant="h5" component="h2" gutterBottom>
            Warnings
          </Typography>
          {value.warnings.map(f => (
            <Box mb={2} key={f.id}>
              <UpgradeFindingCard finding={f} />
            </Box>
          ))}
        </Box>
      )}
      <UpgradePlanSteps plan={value.plan} />
    </Box>
  );
}
