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
import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import InputLabel from '@material-ui/core/InputLabel';
import LinearProgress from '@material-ui/core/LinearProgress';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import useAsync from 'react-use/esm/useAsync';
import { nameFromField } from './formContextRefs';
import { selfServiceApiRef } from './SelfServiceApi';

/** `ui:options` of the namespace picker. @public */
export interface NamespacePickerUiOptions {
  /** The form field holding the cluster (default `cluster`). */
  clusterField?: string;
  /** The form field holding the owning team (default `owner`). */
  teamField?: string;
}

/**
 * Picks a namespace the user's team owns on the cluster chosen in another
 * field of the form, from the platform backend (which lists only what the
 * permission policy lets the user write).
 */
export function NamespacePicker(
  props: FieldExtensionComponentProps<string, NamespacePickerUiOptions>,
) {
  const {
    onChange,
    schema: { title = 'Namespace', description },
    required,
    rawErrors,
    formData,
    uiSchema,
    formContext,
    idSchema,
  } = props;
  const options = uiSchema?.['ui:options'] ?? {};
  const data = formContext?.formData as Record<string, unknown> | undefined;
  const cluster = nameFromField(data, options.clusterField ?? 'cluster');
  const team = nameFromField(data, options.teamField ?? 'owner');
  const api = useApi(selfServiceApiRef);

  const { value, loading, error } = useAsync(async () => {
    if (!cluster) {
      return undefined;
    }
    return (await api.listTeamNamespaces(cluster, team)).namespaces;
  }, [api, cluster, team]);

  const id = idSchema?.$id ?? 'namespace-picker';
  let help: string | undefined = description;
  if (!cluster) {
    help = 'Choose the cluster first.';
  } else if (error) {
    // The backend's own words (e.g. the missing permission), not the status line.
    const message =
      (error as Partial<ResponseError>).body?.error?.message ?? error.message;
    help = `The namespaces of ${cluster} could not be listed: ${message}`;
  } else if (value && value.length === 0) {
    help = team
      ? `${team} owns no namespace on ${cluster} yet; create one with the Team namespace template.`
      : `None of your teams owns a namespace on ${cluster} yet; create one with the Team namespace template.`;
  }

  return (
    <FormControl
      fullWidth
      margin="normal"
      required={required}
      error={Boolean(error) || (rawErrors?.length ?? 0) > 0}
      disabled={!cluster || loading || !value?.length}
    >
      <InputLabel id={`${id}-label`}>{title}</InputLabel>
      <Select
        labelId={`${id}-label`}
        id={id}
        value={value?.some(ns => ns.name === formData) ? formData : ''}
        onChange={event => onChange(event.target.value as string)}
      >
        {(value ?? []).map(ns => (
          <MenuItem key={ns.name} value={ns.name}>
            {ns.name} ({ns.team})
          </MenuItem>
        ))}
      </Select>
      {loading && <LinearProgress aria-label="Loading namespaces" />}
      {help && <FormHelperText>{help}</FormHelperText>}
    </FormControl>
  );
}
