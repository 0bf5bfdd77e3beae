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

import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import InputLabel from '@material-ui/core/InputLabel';
import LinearProgress from '@material-ui/core/LinearProgress';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import {
  ServiceFieldsUiOptions,
  useNamespaceServices,
} from './useNamespaceServices';

/** `ui:options` of the Service picker. @public */
export type ServicePickerUiOptions = ServiceFieldsUiOptions;

/**
 * Picks a Service that exists in the namespace chosen in the form, so a
 * route can only name a backend that is there.
 */
export function ServicePicker(
  props: FieldExtensionComponentProps<string, ServicePickerUiOptions>,
) {
  const {
    onChange,
    schema: { title = 'Service', description },
    required,
    rawErrors,
    formData,
    uiSchema,
    formContext,
    idSchema,
  } = props;
  const { services, loading, failed, help } = useNamespaceServices(
    formContext?.formData as Record<string, unknown> | undefined,
    uiSchema?.['ui:options'] ?? {},
  );
  const id = idSchema?.$id ?? 'service-picker';
  return (
    <FormControl
      fullWidth
      margin="normal"
      required={required}
      error={failed || (rawErrors?.length ?? 0) > 0}
      disabled={loading || !services?.length}
    >
      <InputLabel id={`${id}-label`}>{title}</InputLabel>
      <Select
        labelId={`${id}-label`}
        id={id}
        value={services?.some(s => s.name === formData) ? formData : ''}
        onChange={event => onChange(event.target.value as string)}
      >
        {(services ?? []).map(s => (
          <MenuItem key={s.name} value={s.name}>
            {s.name} (
            {s.ports.length > 0
              ? `port ${s.ports.map(p => p.port).join(', ')}`
              : 'no port'}
            )
          </MenuItem>
        ))}
      </Select>
      {loading && <LinearProgress aria-label="Loading Services" />}
      {(help ?? description) && (
        <FormHelperText>{help ?? description}</FormHelperText>
      )}
    </FormControl>
  );
}
