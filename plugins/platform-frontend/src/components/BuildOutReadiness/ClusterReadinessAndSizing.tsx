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

import Grid from '@material-ui/core/Grid';
import { SizingCard } from '../SizingCard';
import { ClusterReadinessView } from './ClusterReadinessView';

/** A cluster's build-out readiness above its sizing findings. */
export function ClusterReadinessAndSizing(props: { cluster: string }) {
  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        <ClusterReadinessView cluster={props.cluster} />
      </Grid>
      <Grid item xs={12}>
        {/* Readiness and sizing are read with the same permission. */}
        <SizingCard cluster={props.cluster} refusalShownElsewhere />
      </Grid>
    </Grid>
  );
}
