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

import { EmptyState, InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  ClusterReadinessResponse,
  platformClusterProvisionPermission,
  ReadinessPhase,
  ReadinessStep,
} from '@platform-portal/plugin-platform-common';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { Alert } from '@material-ui/lab';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { platformApiRef } from '../../api/PlatformApi';
import { BackendErrorPanel, describeBackendError } from '../BackendErrorPanel';
import { AttestStepDialog } from './AttestStepDialog';
import { OutOfOrderText } from './OutOfOrderText';
import { describeScore } from './awaitingAttestation';
import { ReadinessStatusChip } from './ReadinessStatusChip';

function StepEvidence(props: { step: ReadinessStep }) {
  const { step } = props;
  return (
    <>
      <Typography variant="body2">{step.message}</Typography>
      {step.attestation?.note && (
        <Typography variant="body2" color="textSecondary">
          Note: {step.attestation.note}
        </Typography>
      )}
      {step.checks.map(check => (
        <Box key={check.id} mt={0.5}>
          <Typography variant="caption" component="div">
            <ReadinessStatusChip status={check.status} /> {check.title}
            {check.source === 'health-check' ? ' (health check)' : ''}
          </Typography>
          {check.evidence.slice(0, 5).map((e, i) => (
            <Typography
              key={i}
              variant="caption"
              component="div"
              color="textSecondary"
            >
              {e.object} {e.field} = {e.value}
            </Typography>
          ))}
        </Box>
      ))}
    </>
  );
}

function PhaseSummary(props: { phase: ReadinessPhase }) {
  const { phase } = props;
  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={16}>
      <Typography variant="subtitle1">
        Phase {phase.number}: {phase.title}
      </Typography>
      <ReadinessStatusChip status={phase.status} />
      <Typography variant="body2" color="textSecondary">
        {describeScore(phase.score, phase.number)} ({phase.score.percent}%)
      </Typography>
      {phase.passesBeforeFailingPhase !== undefined && (
        <OutOfOrderText>
          Passes while phase {phase.passesBeforeFailingPhase} fails
        </OutOfOrderText>
      )}
    </Box>
  );
}

/**
 * The guide's 11 build-out phases on one cluster: scores, every step's
 * status and evidence, attestations and the attest action for those allowed.
 */
export function ClusterReadinessView(props: { cluster: string }) {
  const { cluster } = props;
  const platformApi = useApi(platformApiRef);
  const { allowed: canAttest } = usePermission({
    permission: platformClusterProvisionPermission,
  });
  const [attesting, setAttesting] = useState<ReadinessStep>();
  const [busy, setBusy] = useState(false);
  const [attestError, setAttestError] = useState<string>();
  const [stored, setStored] = useState<string>();
  const { value, loading, error, retry } = useAsyncRetry(
    () => platformApi.getClusterReadiness(cluster),
    [platformApi, cluster],
  );

  if (loading && !value) return <Progress />;
  if (error) return <BackendErrorPanel error={error} />;
  if (!value || value.phases.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No build-out readiness"
        description={`The backend returned no build-out phases for ${cluster}.`}
      />
    );
  }
  const readiness: ClusterReadinessResponse = value;

  const confirm = async (note: string) => {
    if (!attesting) return;
    setBusy(true);
    setAttestError(undefined);
    try {
      const attestation = await platformApi.attestBuildOutStep(
        cluster,
        attesting.number,
        note.trim() || undefined,
      );
      setStored(
        `Step ${attestation.step} attested by ${attestation.attestedBy} at ${attestation.attestedAt}`,
      );
      setAttesting(undefined);
      retry();
    } catch (e) {
      setAttestError(describeBackendError(e as Error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <InfoCard title="Build-out readiness">
      <Typography variant="h6">
        {readiness.score.percent}% ready: {describeScore(readiness.score)}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {readiness.stuckPhase
          ? `Stuck in phase ${readiness.stuckPhase}: ${
              readiness.phases[readiness.stuckPhase - 1]?.title
            }`
          : 'Every phase passes'}
      </Typography>
      {readiness.outOfOrder && (
        <Box mt={1}>
          <Alert severity="warning">
            Built out of order: a later phase passes while an earlier phase
            fails (
            {readiness.phases
              .filter(p => p.passesBeforeFailingPhase !== undefined)
              .map(p => `phase ${p.number}`)
              .join(', ')}
            ).
          </Alert>
        </Box>
      )}
      {stored && (
        <Box mt={1}>
          <Alert severity="success">{stored}</Alert>
        </Box>
      )}
      <Box mt={2}>
        {readiness.phases.map(phase => (
          <Accordion
            key={phase.number}
            defaultExpanded={phase.number === readiness.stuckPhase}
            TransitionProps={{ unmountOnExit: true }}
          >
            {/* Named by its content: title, status and score. */}
            <AccordionSummary expandIcon={<ExpandMoreIcon />}>
              <PhaseSummary phase={phase} />
            </AccordionSummary>
            <AccordionDetails>
              <Table size="small" aria-label={`Steps of phase ${phase.number}`}>
                <TableHead>
                  <TableRow>
                    <TableCell style={{ whiteSpace: 'nowrap' }}>Step</TableCell>
                    <TableCell>Action</TableCell>
                    <TableCell>Status</TableCell>
                    <TableCell>Evidence</TableCell>
                    <TableCell />
                  </TableRow>
                </TableHead>
                <TableBody>
                  {phase.steps.map(step => (
                    <TableRow key={step.number}>
                      <TableCell>{step.number}</TableCell>
                      <TableCell>
                        <Typography variant="body2">{step.action}</Typography>
                        <Typography variant="caption" color="textSecondary">
                          Guide: {step.guideVerification}
                        </Typography>
                      </TableCell>
                      <TableCell>
                        <ReadinessStatusChip status={step.status} />
                      </TableCell>
                      <TableCell>
                        <StepEvidence step={step} />
                      </TableCell>
                      <TableCell>
                        {step.verification === 'attestation' && canAttest && (
                          <Button
                            size="small"
                            variant="outlined"
                            style={{ whiteSpace: 'nowrap' }}
                            onClick={() => {
                              setAttestError(undefined);
                              setAttesting(step);
                            }}
                          >
                            Attest
                          </Button>
                        )}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </AccordionDetails>
          </Accordion>
        ))}
      </Box>
      {attesting && (
        <AttestStepDialog
          cluster={cluster}
          step={attesting}
          busy={busy}
          error={attestError}
          onConfirm={confirm}
          onCancel={() => setAttesting(undefined)}
        />
      )}
    </InfoCard>
  );
}
