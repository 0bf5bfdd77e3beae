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
  configApiRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import {
  MockFetchApi,
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { ComponentType } from 'react';
import { platformApiRef } from '../api/PlatformApi';
import { PlatformClient } from '../api/PlatformClient';
import { PLATFORM_BASE } from './renderWithPlatformApi';
import { selfServiceApiRef } from '../scaffolder/SelfServiceApi';
import { SelfServiceClient } from '../scaffolder/SelfServiceClient';

export { PLATFORM_BASE };

/**
 * Renders a scaffolder field as the form does, with the real client talking
 * to msw handlers, and records the values it reports.
 */
export async function renderScaffolderField(
  Field: ComponentType<any>,
  options: {
    formData?: string;
    form?: Record<string, unknown>;
    uiOptions?: Record<string, unknown>;
    schema?: Record<string, unknown>;
    config?: object;
    /** The field's key in the form (rjsf's `name`). */
    name?: string;
    /** What the catalog holds, e.g. the template the form belongs to. */
    entities?: Entity[];
  } = {},
) {
  const discoveryApi = mockApis.discovery({ baseUrl: 'http://backend.test' });
  const fetchApi = new MockFetchApi();
  const onChange = jest.fn();
  const rendered = await renderInTestApp(
    <TestApiProvider
      apis={[
        [discoveryApiRef, discoveryApi],
        [fetchApiRef, fetchApi],
        [configApiRef, mockApis.config({ data: options.config ?? {} })],
        [selfServiceApiRef, new SelfServiceClient({ discoveryApi, fetchApi })],
        [platformApiRef, new PlatformClient({ discoveryApi, fetchApi })],
        [catalogApiRef, catalogApiMock({ entities: options.entities ?? [] })],
      ]}
    >
      <Field
        onChange={onChange}
        schema={{ type: 'string', ...options.schema }}
        uiSchema={{ 'ui:options': options.uiOptions ?? {} }}
        formData={options.formData}
        formContext={{ formData: options.form ?? {} }}
        name={options.name ?? 'field'}
        idSchema={{ $id: `root_${options.name ?? 'field'}` }}
        rawErrors={[]}
        required
      />
    </TestApiProvider>,
  );
  return { ...rendered, onChange };
}
