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

import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  EmptyState,
  InfoCard,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  ANNOTATIONS,
  ArgocdApplication,
  platformArgocdRollbackPermission,
  platformArgocdSyncPermission,
} from '@platform-portal/plugin-platform-common';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { platformApiRef } from '../../api/PlatformApi';
import { BackendErrorPanel, describeBackendError } from '../BackendErrorPanel';
import { ArgocdApplicationItem } from './ArgocdApplicationItem';
import {
  ArgocdOperationDialog,
  ArgocdOperationKind,
} from './ArgocdOperationDialog';

const ANNOTATIONS_TO_ADD = [
  ANNOTATIONS.argocdAppSelector,
  ANNOTATIONS.argocdAppName,
];

function NotConfigured(props: { name: string }) {
  return (
    <EmptyState
      missing="field"
      title="Argo CD is not configured for this entity"
      description={`Add one of these annotations to ${props.name}'s catalog-info.yaml: the applications' labels, or one application's name.`}
      action={
        <pre>
          {`metadata:\n  annotations:\n    ${ANNOTATIONS.argocdAppSelector}: app.kubernetes.io/name=${props.name}\n    # or\n    ${ANNOTATIONS.argocdAppName}: ${props.name}`}
        </pre>
      }
    />
  );
}

/**
 * The entity's Argo CD applications on every cluster, with sync and rollback
 * for those allowed, each after a confirmation.
 *
 * @public
 */
export function ArgocdCard() {
  const { entity } = useEntity();
  const api = useApi(platformApiRef);
  const entityRef = stringifyEntityRef(entity);
  const annotations = entity.metadata.annotations ?? {};
  const annotated = ANNOTATIONS_TO_ADD.some(a => annotations[a]?.trim());
  const sync = usePermission({
    permission: platformArgocdSyncPermission,
    resourceRef: entityRef,
  });
  const rollback = usePermission({
    permission: platformArgocdRollbackPermission,
    resourceRef: entityRef,
  });
  const state = useAsyncRetry(
    async () =>
      annotated ? api.getEntityArgocd(getCompoundEntityRef(entity)) : undefined,
    [api, entityRef, annotated],
  );
  const [asking, setAsking] = useState<{
    kind: ArgocdOperationKind;
    application: ArgocdApplication;
  }>();
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<{
    severity: 'success' | 'error';
    message: string;
  }>();

  const start = async (historyId?: number) => {
    if (!asking) return;
    const { kind, application } = asking;
    setAsking(undefined);
    setRunning(true);
    setOutcome(undefined);
    try {
      const ref = getCompoundEntityRef(entity);
      const result =
        kind === 'sync'
          ? await api.syncArgocdApplication(
              ref,
              application.instance,
              application.name,
            )
          : await api.rollbackArgocdApplication(
              ref,
              application.instance,
              application.name,
              historyId!,
            );
      setOutcome({ severity: 'success', message: result.message });
      state.retry();
    } catch (error) {
      setOutcome({
        severity: 'error',
        message: describeBackendError(error as Error),
      });
    } finally {
      setRunning(false);
    }
  };

  let content;
  if (!annotated) {
    content = <NotConfigured name={entity.metadata.name} />;
  } else if (state.loading && !state.value) {
    content = <Progress />;
  } else if (state.error) {
    content = (
      <BackendErrorPanel
        error={state.error}
        title="Argo CD applications could not be read"
      />
    );
  } else if (!state.value || !state.value.configured) {
    content = <NotConfigured name={entity.metadata.name} />;
  } else {
    const { applications, instanceErrors, selector } = state.value;
    const hidden = state.value.hiddenApplications ?? 0;
    content = (
      <>
        {instanceErrors.length > 0 && (
          <WarningPanel
            severity="warning"
            title={`${instanceErrors.length} Argo CD instance${
              instanceErrors.length === 1 ? '' : 's'
            } could not be read; the others are shown`}
          >
            <ul>
              {instanceErrors.map(e => (
                <li key={e.instance}>
                  {e.instance}: {e.message}
                </li>
              ))}
            </ul>
          </WarningPanel>
        )}
        {hidden > 0 && (
          <Typography variant="body2" color="textSecondary">
            {hidden} application{hidden === 1 ? '' : 's'} of other teams hidden
          </Typography>
        )}
        {applications.length === 0 ? (
          hidden === 0 && (
            <Typography variant="body2">
              No Argo CD application matches {selector} on any cluster.
            </Typography>
          )
        ) : (
          <ul
            aria-label="Argo CD applications"
            style={{ listStyle: 'none', margin: 0, padding: 0 }}
          >
            {applications.map(application => (
              <ArgocdApplicationItem
                key={`${application.instance}/${application.name}`}
                application={application}
                canSync={sync.allowed}
                canRollback={rollback.allowed}
                busy={running}
                onOperation={kind => setAsking({ kind, application })}
              />
            ))}
          </ul>
        )}
      </>
    );
  }

  return (
    <InfoCard title="Argo CD">
      {outcome && (
        <Alert severity={outcome.severity} role="status">
          {outcome.message}
        </Alert>
      )}
      {content}
      {asking && (
        <ArgocdOperationDialog
          kind={asking.kind}
          application={asking.application}
          onCancel={() => setAsking(undefined)}
          onConfirm={start}
        />
      )}
    </InfoCard>
  );
}
