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

import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import {
  ClusterSummary,
  HEALTH_VERDICTS,
} from '@platform-portal/plugin-platform-common';
import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import InputLabel from '@material-ui/core/InputLabel';
import LinearProgress from '@material-ui/core/LinearProgress';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import useAsync from 'react-use/esm/useAsync';
import { platformApiRef } from '../api/PlatformApi';
import { nameFromField } from './formContextRefs';

/** `ui:options` of the cluster picker. @public */
export interface ClusterPickerUiOptions {
  /**
   * Offer management clusters too; app templates leave it off, since
   * workloads never run there.
   */
  includeManagement?: boolean;
}

const VERDICT_WORDS: Record<string, string> = {
  ok: 'OK',
  warning: 'Warning',
  critical: 'Critical',
  unknown: 'health unknown',
};

/** The catalog's ref, which the templates' steps read the name from. */
export function clusterRef(name: string): string {
  return `resource:default/${name}`;
}

export function describeCluster(cluster: ClusterSummary): string {
  return `${cluster.name} — ${cluster.environment ?? 'no environment'}, ${
    VERDICT_WORDS[cluster.verdict] ?? cluster.verdict
  }`;
}

/**
 * Picks a cluster with its environment and current health in view, the
 * healthiest first; management clusters only when the template asks.
 */
export function ClusterPicker(
  props: FieldExtensionComponentProps<string, ClusterPickerUiOptions>,
) {
  const {
    onChange,
    schema: { title = 'Cluster', description },
    required,
    rawErrors,
    formData,
    uiSchema,
    idSchema,
  } = props;
  const includeManagement =
    uiSchema?.['ui:options']?.includeManagement === true;
  const api = useApi(platformApiRef);
  const { value, loading, error } = useAsync(async () => {
    const { clusters } = await api.getClusters();
    return clusters
      .filter(c => includeManagement || !c.management)
      .sort(
        (a, b) =>
          HEALTH_VERDICTS.indexOf(a.verdict) -
            HEALTH_VERDICTS.indexOf(b.verdict) || a.name.localeCompare(b.name),
      );
  }, [api, includeManagement]);

  const selected = nameFromField({ value: formData }, 'value');
  const chosen = value?.find(c => c.name === selected);
  const id = idSchema?.$id ?? 'cluster-picker';
  let help: string | undefined = description;
  if (error) {
    const message =
      (error as Partial<ResponseError>).body?.error?.message ?? error.message;
    help = `The clusters could not be listed: ${message}`;
  } else if (chosen && chosen.verdict === 'critical') {
    help = `${chosen.name} is Critical now: check its health page before adding to it.`;
  } else if (chosen && chosen.verdict === 'warning') {
    help = `${chosen.name} has warnings: its health page says which.`;
  }

  return (
    <FormControl
      fullWidth
      margin="normal"
      required={required}
      error={Boolean(error) || (rawErrors?.length ?? 0) > 0}
      disabled={loading || !value?.length}
    >
      <InputLabel id={`${id}-label`}>{title}</InputLabel>
      <Select
        labelId={`${id}-label`}
        id={id}
        value={chosen ? clusterRef(chosen.name) : ''}
        onChange={event => onChange(event.target.value as string)}
      >
        {(value ?? []).map(c => (
          <MenuItem key={c.name} value={clusterRef(c.name)}>
            {describeCluster(c)}
          </MenuItem>
        ))}
      </Select>
      {loading && <LinearProgress aria-label="Loading clusters" />}
      {help && <FormHelperText>{help}</FormHelperText>}
    </FormControl>
  );
}
