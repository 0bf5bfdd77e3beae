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

import { InfoCard, LinkButton } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { platformClusterProvisionPermission } from '@platform-portal/plugin-platform-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';

// The templates pick the cluster with an EntityPicker, which holds an entity ref.
function templateUrl(template: string, clusterRef: string): string {
  const formData = encodeURIComponent(JSON.stringify({ cluster: clusterRef }));
  return `/create/templates/default/${template}?formData=${formData}`;
}

/**
 * Scale and upgrade, one click away for those allowed to provision
 * clusters; others see why the buttons are missing.
 *
 * @public
 */
export function ClusterActionsCard() {
  const { entity } = useEntity();
  const { allowed, loading } = usePermission({
    permission: platformClusterProvisionPermission,
  });
  if (loading) return null;
  return (
    <InfoCard title="Change this cluster">
      {allowed ? (
        <Box display="flex" gridGap={8}>
          <LinkButton
            variant="contained"
            color="primary"
            to={templateUrl(
              'platform-cluster-scale',
              stringifyEntityRef(entity),
            )}
          >
            Scale workers
          </LinkButton>
          <LinkButton
            variant="outlined"
            to={templateUrl(
              'platform-cluster-upgrade',
              stringifyEntityRef(entity),
            )}
          >
            Upgrade Kubernetes
          </LinkButton>
        </Box>
      ) : (
        <Typography variant="body2">
          Scaling and upgrading need the platform.cluster.provision permission
          (the platform team).
        </Typography>
      )}
    </InfoCard>
  );
}
