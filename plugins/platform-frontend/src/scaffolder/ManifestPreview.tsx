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
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import {
  PreviewableTemplate,
  PreviewedManifest,
} from '@platform-portal/plugin-platform-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useEffect, useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  FormFieldNames,
  formFieldNamesOf,
  inFormTerms,
} from './formFieldNames';
import { selfServiceApiRef } from './SelfServiceApi';

/** `ui:options` of the manifest preview. @public */
export interface ManifestPreviewUiOptions {
  /** The template's metadata.name, whose writes the backend knows how to build. */
  template: PreviewableTemplate;
}

const NO_NAMES: FormFieldNames = { inputs: new Map(), titles: new Map() };

/** The value the field holds once the dry run accepted every manifest. */
export const PREVIEW_ACCEPTED = 'accepted';

const OUTCOME_WORDS: Record<PreviewedManifest['outcome'], string> = {
  create: 'Will be created',
  update: 'Will be updated',
  refused: 'Refused',
  'not-checked': 'Checked when its namespace exists',
};

function objectName(manifest: PreviewedManifest): string {
  return `${manifest.kind} ${
    manifest.namespace ? `${manifest.namespace}/` : ''
  }${manifest.name}`;
}

function ManifestItem({
  manifest,
  names,
}: {
  manifest: PreviewedManifest;
  names: FormFieldNames;
}) {
  const refused = manifest.outcome === 'refused';
  return (
    <Box component="li" mb={2}>
      <Typography variant="subtitle2" component="h4">
        {objectName(manifest)}: {OUTCOME_WORDS[manifest.outcome]}
      </Typography>
      <Typography
        variant="body2"
        color={refused ? 'textPrimary' : 'textSecondary'}
        style={{ overflowWrap: 'anywhere' }}
      >
        {inFormTerms(manifest.message, names)}
      </Typography>
      <details>
        <summary>The manifest</summary>
        <Box
          component="pre"
          fontSize="0.8rem"
          overflow="auto"
          maxHeight={320}
          tabIndex={0}
          aria-label={`Manifest of ${objectName(manifest)}`}
        >
          {JSON.stringify(manifest.manifest, null, 2)}
        </Box>
      </details>
    </Box>
  );
}

/**
 * The review before a template writes: everything its actions would apply,
 * built and checked by the platform backend and dry-run by the cluster's API
 * server. The field is valid only while the dry run accepts every manifest,
 * so Next and Create stay blocked while it refuses one.
 */
export function ManifestPreview(
  props: FieldExtensionComponentProps<string, ManifestPreviewUiOptions>,
) {
  const { onChange, uiSchema, formContext, name, schema } = props;
  const template = uiSchema?.['ui:options']?.template;
  const api = useApi(selfServiceApiRef);
  const catalog = useApi(catalogApiRef);
  // The other fields, as a stable key: the preview's own value is left out.
  const parametersKey = useMemo(() => {
    const { [name]: _own, ...rest } = (formContext?.formData ?? {}) as Record<
      string,
      unknown
    >;
    return JSON.stringify(rest);
  }, [formContext?.formData, name]);

  const { value, loading, error, retry } = useAsyncRetry(async () => {
    if (!template) return undefined;
    return api.previewSelfService({
      template,
      parameters: JSON.parse(parametersKey),
    });
  }, [api, template, parametersKey]);

  // The backend names what is wrong as the template's actions name their
  // inputs; the template's own steps say which form field each came from.
  const { value: names = NO_NAMES } = useAsync(async () => {
    if (!template) return NO_NAMES;
    const entity = await catalog
      .getEntityByRef({
        kind: 'Template',
        namespace: 'default',
        name: template,
      })
      .catch(() => undefined);
    return formFieldNamesOf(entity?.spec);
  }, [catalog, template]);

  useEffect(() => {
    onChange(value?.ok && !loading ? PREVIEW_ACCEPTED : undefined);
    // onChange changes identity on every render of the form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value, loading]);

  if (!template) {
    return (
      <Alert severity="error">
        This field needs ui:options.template, the template whose writes it
        previews.
      </Alert>
    );
  }
  const message = inFormTerms(
    (error as Partial<ResponseError> | undefined)?.body?.error?.message ??
      error?.message ??
      '',
    names,
  );

  return (
    <Box component="section" aria-labelledby="manifest-preview-title" my={2}>
      <Typography variant="h6" component="h3" id="manifest-preview-title">
        {schema.title ?? 'What this template will write'}
      </Typography>
      {loading && <LinearProgress aria-label="Checking with the cluster" />}
      {error && (
        <Alert severity="error">The preview could not be made: {message}</Alert>
      )}
      {value && (
        <>
          <Alert severity={value.ok ? 'success' : 'error'}>
            {value.ok
              ? `The checks and the API server's dry run on ${value.cluster} accept every manifest; nothing has been written yet.`
              : `The dry run on ${value.cluster} refused what this template would write, so it cannot run. Change what the messages below name; nothing has been written.`}
          </Alert>
          <Box component="ul" pl={0} mt={2} style={{ listStyle: 'none' }}>
            {value.manifests.map(m => (
              <ManifestItem
                key={`${m.kind}/${m.name}`}
                manifest={m}
                names={names}
              />
            ))}
          </Box>
        </>
      )}
      <Button variant="outlined" onClick={retry} disabled={loading}>
        Check again
      </Button>
    </Box>
  );
}

/** Blocks Next and Create until the dry run accepts what the template writes. */
export const validateManifestPreview: CustomFieldValidator<string> = (
  value,
  validation,
) => {
  if (value !== PREVIEW_ACCEPTED) {
    validation.addError(
      'the dry run has not accepted what this template would write; change what the preview names, then check again',
    );
  }
};
