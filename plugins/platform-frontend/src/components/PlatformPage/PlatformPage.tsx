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
  Content,
  ContentHeader,
  EmptyState,
  Header,
  Page,
  Progress,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import useAsync from 'react-use/esm/useAsync';
import { platformApiRef } from '../../api/PlatformApi';
import { BackendErrorPanel } from '../BackendErrorPanel';
import { LayersTable } from '../LayersTable';
import { SimulatedFleetBanner } from '../SimulatedFleetBanner';

function PlatformPageContent() {
  const platformApi = useApi(platformApiRef);
  const { value, loading, error } = useAsync(
    () => platformApi.getLayers(),
    [platformApi],
  );
  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <BackendErrorPanel error={error} />;
  }
  if (!value || value.layers.length === 0) {
    return <EmptyState missing="data" title="No platform layers are defined" />;
  }
  return <LayersTable layers={value.layers} />;
}

/** The platform team's home: the fleet and its layers. @public */
export function PlatformPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Platform"
        subtitle="Every cluster and every layer of the platform"
      />
      <Content>
        <Grid container spacing={2} direction="column">
          <Grid item>
            <SimulatedFleetBanner />
          </Grid>
          <Grid item>
            <ContentHeader title="Layers" />
            <PlatformPageContent />
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
