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
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import InputLabel from '@material-ui/core/InputLabel';
import LinearProgress from '@material-ui/core/LinearProgress';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import { useEffect } from 'react';
import {
  ServiceFieldsUiOptions,
  useNamespaceServices,
} from './useNamespaceServices';

/** `ui:options` of the port picker. @public */
export interface ServicePortPickerUiOptions extends ServiceFieldsUiOptions {
  /** The form field holding the Service (default `service`). */
  serviceField?: string;
}

/**
 * Picks one of the ports the Service chosen in the form exposes; with a
 * single port, that one.
 */
export function ServicePortPicker(
  props: FieldExtensionComponentProps<number, ServicePortPickerUiOptions>,
) {
  const {
    onChange,
    schema: { title = 'Service port', description },
    required,
    rawErrors,
    formData,
    uiSchema,
    formContext,
    idSchema,
  } = props;
  const options = uiSchema?.['ui:options'] ?? {};
  const data = formContext?.formData as Record<string, unknown> | undefined;
  const { services, loading, failed, help } = useNamespaceServices(
    data,
    options,
  );
  const serviceName = data?.[options.serviceField ?? 'service'];
  const service = services?.find(s => s.name === serviceName);
  const ports = service?.ports ?? [];
  const only = ports.length === 1 ? ports[0].port : undefined;

  useEffect(() => {
    if (only !== undefined && formData !== only) onChange(only);
    // onChange changes identity on every render of the form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [only, formData]);

  let text = help ?? description;
  if (!help && services && !service) text = 'Choose the Service first.';
  else if (!help && service && ports.length === 0)
    text = `Service ${service.name} exposes no port.`;
  const id = idSchema?.$id ?? 'service-port-picker';
  return (
    <FormControl
      fullWidth
      margin="normal"
      required={required}
      error={failed || (rawErrors?.length ?? 0) > 0}
      disabled={loading || ports.length === 0}
    >
      <InputLabel id={`${id}-label`}>{title}</InputLabel>
      <Select
        labelId={`${id}-label`}
        id={id}
        value={ports.some(p => p.port === formData) ? formData : ''}
        onChange={event => onChange(Number(event.target.value))}
      >
        {ports.map(p => (
          <MenuItem key={p.port} value={p.port}>
            {p.port}
            {p.name ? ` (${p.name}${p.protocol ? `, ${p.protocol}` : ''})` : ''}
          </MenuItem>
        ))}
      </Select>
      {loading && <LinearProgress aria-label="Loading ports" />}
      {text && <FormHelperText>{text}</FormHelperText>}
    </FormControl>
  );
}

/** A port is a whole number from 1 to 65535, said in words. */
export const validateServicePort: CustomFieldValidator<number> = (
  value,
  validation,
) => {
  if (
    value !== undefined &&
    (!Number.isInteger(value) || value < 1 || value > 65535)
  ) {
    validation.addError('must be a whole number from 1 to 65535');
  }
};
