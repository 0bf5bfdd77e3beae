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

import { ContentHeader, LinkButton } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import { useParams } from 'react-router-dom';
import { PlatformLayout } from '../PlatformLayout';
import { ClusterReadinessAndSizing } from './ClusterReadinessAndSizing';

/** A cluster's build-out readiness and sizing, under the platform page. */
export function ClusterReadinessPage() {
  const { cluster = '' } = useParams();
  return (
    <PlatformLayout title={cluster} subtitle="Build-out readiness and sizing">
      <ContentHeader title="Build-out readiness and sizing">
        {/* Relative to the platform page: this route is not under the cluster's. */}
        <Box display="flex" gridGap={8}>
          <LinkButton
            to={`../clusters/${encodeURIComponent(cluster)}`}
            variant="outlined"
          >
            Cluster health
          </LinkButton>
          <LinkButton to="../readiness" variant="outlined">
            Fleet readiness
          </LinkButton>
        </Box>
      </ContentHeader>
      <ClusterReadinessAndSizing cluster={cluster} />
    </PlatformLayout>
  );
}
