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
  ContentHeader,
  EmptyState,
  LinkButton,
  Progress,
  Table,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { FleetCertificate } from '@platform-portal/plugin-platform-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import useAsync from 'react-use/esm/useAsync';
import { platformApiRef } from '../../api/PlatformApi';
import { BackendErrorPanel } from '../BackendErrorPanel';
import { PlatformLayout } from '../PlatformLayout';
import { PLAIN_TABLE_OPTIONS } from '../plainTable';
import { certificateColumns } from './certificateColumns';
import { NodeOnlyCertificates } from './NodeOnlyCertificates';

function FleetCertificatesContent() {
  const platformApi = useApi(platformApiRef);
  const { value, loading, error } = useAsync(
    () => platformApi.listFleetCertificates(),
    [platformApi],
  );
  if (loading) return <Progress />;
  if (error) return <BackendErrorPanel error={error} />;
  if (!value) return null;
  return (
    <>
      {value.errors.length > 0 && (
        <Box mb={2}>
          <Alert severity="warning">
            <Typography variant="body2">
              Not every certificate could be read:
            </Typography>
            <ul>
              {value.errors.map(e => (
                <li key={`${e.cluster}/${e.message}`}>
                  {e.cluster}: {e.message}
                </li>
              ))}
            </ul>
          </Alert>
        </Box>
      )}
      <Table<FleetCertificate>
        title={`Certificates (${value.certificates.length}), soonest expiry first`}
        options={PLAIN_TABLE_OPTIONS}
        columns={certificateColumns}
        data={value.certificates}
        emptyContent={
          <EmptyState
            missing="data"
            title="No certificates"
            description="No API server presented a certificate, no cert-manager Certificate exists and no Cluster API control-plane Machine reports an expiry."
          />
        }
      />
      <Box mt={2}>
        <NodeOnlyCertificates rows={value.notReadable ?? []} />
      </Box>
    </>
  );
}

/** Every certificate of the fleet, the next to expire first. */
export function FleetCertificatesPage() {
  return (
    <PlatformLayout
      title="Certificates"
      subtitle="API server, cert-manager and Cluster API control-plane certificates, fleet-wide"
    >
      <ContentHeader title="Certificates by days left">
        <LinkButton to=".." variant="outlined">
          Fleet health
        </LinkButton>
      </ContentHeader>
      <FleetCertificatesContent />
    </PlatformLayout>
  );
}
