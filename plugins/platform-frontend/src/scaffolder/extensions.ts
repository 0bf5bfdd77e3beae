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
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { selfServiceApiRef } from './SelfServiceApi';
import { SelfServiceClient } from './SelfServiceClient';

/** The client the templates' fields read the platform backend with. */
export const selfServiceApi = ApiBlueprint.make({
  name: 'self-service',
  params: defineParams =>
    defineParams({
      api: selfServiceApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new SelfServiceClient({ discoveryApi, fetchApi }),
    }),
});

/** The namespace picker of the self-service templates. */
export const namespacePickerFormField = FormFieldBlueprint.make({
  name: 'namespace-picker',
  params: {
    field: () => import('./formFields').then(m => m.namespacePickerField),
  },
});

/** The hostname field of the self-service templates. */
export const hostnameFormField = FormFieldBlueprint.make({
  name: 'hostname',
  params: {
    field: () => import('./formFields').then(m => m.hostnameField),
  },
});

/** The cluster picker of the self-service templates: environment and health in view. */
export const clusterPickerFormField = FormFieldBlueprint.make({
  name: 'cluster-picker',
  params: {
    field: () => import('./formFields').then(m => m.clusterPickerField),
  },
});

/** The route template's pickers of what exists: Services and their ports. */
export const servicePickerFormField = FormFieldBlueprint.make({
  name: 'service-picker',
  params: {
    field: () => import('./formFields').then(m => m.servicePickerField),
  },
});

export const servicePortPickerFormField = FormFieldBlueprint.make({
  name: 'service-port-picker',
  params: {
    field: () => import('./formFields').then(m => m.servicePortPickerField),
  },
});

/** The server-side dry run of what a template writes, on its last step. */
export const manifestPreviewFormField = FormFieldBlueprint.make({
  name: 'manifest-preview',
  params: {
    field: () => import('./formFields').then(m => m.manifestPreviewField),
  },
});
