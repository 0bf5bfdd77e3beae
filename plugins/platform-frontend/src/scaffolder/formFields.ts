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
import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { ClusterPicker } from './ClusterPicker';
import { HostnameField, validateHostname } from './HostnameField';
import { ManifestPreview, validateManifestPreview } from './ManifestPreview';
import { NamespacePicker } from './NamespacePicker';
import { ServicePicker } from './ServicePicker';
import { ServicePortPicker, validateServicePort } from './ServicePortPicker';

/** `ui:field: PlatformNamespacePicker` in the templates. */
export const namespacePickerField = createFormField({
  name: 'PlatformNamespacePicker',
  component: NamespacePicker,
});

/** `ui:field: PlatformHostname` in the templates. */
export const hostnameField = createFormField({
  name: 'PlatformHostname',
  component: HostnameField,
  validation: validateHostname,
});

/** `ui:field: PlatformClusterPicker` in the templates. */
export const clusterPickerField = createFormField({
  name: 'PlatformClusterPicker',
  component: ClusterPicker,
});

/** `ui:field: PlatformServicePicker` in the templates. */
export const servicePickerField = createFormField({
  name: 'PlatformServicePicker',
  component: ServicePicker,
});

/** `ui:field: PlatformServicePortPicker` in the templates. */
export const servicePortPickerField = createFormField({
  name: 'PlatformServicePortPicker',
  component: ServicePortPicker,
  validation: validateServicePort,
});

/** `ui:field: PlatformManifestPreview` in the templates: the dry run before Create. */
export const manifestPreviewField = createFormField({
  name: 'PlatformManifestPreview',
  component: ManifestPreview,
  validation: validateManifestPreview,
});
