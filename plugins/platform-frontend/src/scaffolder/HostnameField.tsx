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
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import FormHelperText from '@material-ui/core/FormHelperText';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { useState } from 'react';
import {
  ALLOWED_DOMAINS_KEY,
  hostnameProblem,
  splitHostname,
} from './hostnameRules';

/**
 * A hostname under one of the platform's allowed domains: the user types the
 * host part and picks the domain, so a hostname outside them cannot be made.
 */
export function HostnameField(props: FieldExtensionComponentProps<string>) {
  const {
    onChange,
    schema: { title = 'Hostname', description },
    required,
    rawErrors,
    formData,
    idSchema,
  } = props;
  const domains =
    useApi(configApiRef).getOptionalStringArray(ALLOWED_DOMAINS_KEY) ?? [];
  const initial = splitHostname(formData, domains);
  const [host, setHost] = useState(initial.host);
  const [domain, setDomain] = useState(initial.domain);
  const id = idSchema?.$id ?? 'hostname';

  const update = (nextHost: string, nextDomain: string | undefined) => {
    setHost(nextHost);
    setDomain(nextDomain);
    const trimmed = nextHost.trim().toLocaleLowerCase('en-US');
    onChange(trimmed && nextDomain ? `${trimmed}.${nextDomain}` : undefined);
  };

  if (domains.length === 0) {
    return (
      <FormHelperText error>
        {title}: no domains are allowed for routes ({ALLOWED_DOMAINS_KEY} is not
        configured), so no hostname can be chosen.
      </FormHelperText>
    );
  }

  const hasErrors = (rawErrors?.length ?? 0) > 0;
  return (
    <Grid container spacing={1} alignItems="flex-end">
      <Grid item xs={6}>
        <TextField
          id={id}
          label={title}
          required={required}
          fullWidth
          margin="normal"
          value={host}
          error={hasErrors}
          placeholder="myapp"
          onChange={event => update(event.target.value, domain)}
        />
      </Grid>
      <Grid item xs={6}>
        <TextField
          id={`${id}-domain`}
          select
          label="Domain"
          fullWidth
          margin="normal"
          value={domain ?? ''}
          onChange={event => update(host, event.target.value)}
        >
          {domains.map(d => (
            <MenuItem key={d} value={d}>
              .{d}
            </MenuItem>
          ))}
        </TextField>
      </Grid>
      <Grid item xs={12}>
        <FormHelperText error={hasErrors}>
          {description ??
            `The route's hostname, under one of the platform's domains (${domains.join(
              ', ',
            )}).`}
        </FormHelperText>
      </Grid>
    </Grid>
  );
}

/** Checks the hostname in the form, before the task is created. */
export const validateHostname: CustomFieldValidator<string> = (
  value,
  validation,
  context,
) => {
  if (!value) {
    return;
  }
  const domains =
    context.apiHolder
      .get(configApiRef)
      ?.getOptionalStringArray(ALLOWED_DOMAINS_KEY) ?? [];
  const problem = hostnameProblem(value, domains);
  if (problem) {
    validation.addError(`"${value}" ${problem}`);
  }
};
