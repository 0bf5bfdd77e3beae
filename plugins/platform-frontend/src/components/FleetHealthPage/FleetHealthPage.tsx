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
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import useAsync from 'react-use/esm/useAsync';
import { useHealthChanges } from '../../hooks/useHealthChanges';
import { platformApiRef } from '../../api/PlatformApi';
import { BackendErrorPanel, isPermissionDenied } from '../BackendErrorPanel';
import { FleetHealthMatrix } from '../FleetHealthMatrix';
import { LayersTable } from '../LayersTable';
import { PlatformLayout } from '../PlatformLayout';

function FleetHealthContent() {
  const platformApi = useApi(platformApiRef);
  const changes = useHealthChanges();
  const { value, loading, error } = useAsync(async () => {
    const [health, clusters] = await Promise.all([
      platformApi.getFleetHealth(),
      platformApi.getClusters(),
    ]);
    return { health, clusters: clusters.clusters };
  }, [platformApi, changes]);
  // A reload after a change keeps the matrix on screen until it is done.
  if (loading && !value) return <Progress />;
  if (error) return <BackendErrorPanel error={error} />;
  if (!value || value.health.clusters.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No clusters yet"
        description="Add clusters under platform.clusters in app-config, or a Cluster API management cluster whose workload clusters the portal will find."
      />
    );
  }
  return <FleetHealthMatrix health={value.health} clusters={value.clusters} />;
}

function LayersSection() {
  const platformApi = useApi(platformApiRef);
  const { value, error } = useAsync(
    () => platformApi.getLayers(),
    [platformApi],
  );
  // A refusal is already explained once above, by the matrix.
  if (error && isPermissionDenied(error)) return null;
  if (error) return <BackendErrorPanel error={error} />;
  return value ? <LayersTable layers={value.layers} /> : null;
}

/** The platform team's first stop: every cluster × every layer. @public */
export function FleetHealthPage() {
  return (
    <PlatformLayout
      title="Platform"
      subtitle="Every cluster and every layer of the platform"
    >
      <ContentHeader title="Fleet health">
        <LinkButton to="readiness" variant="outlined">
          Build-out readiness
        </LinkButton>
        <LinkButton to="certificates" variant="outlined">
          Certificates
        </LinkButton>
        <LinkButton to="upgrades" variant="outlined">
          Upgrades
        </LinkButton>
      </ContentHeader>
      <FleetHealthContent />
      <Box mt={4}>
        <LayersSection />
      </Box>
    </PlatformLayout>
  );
}
