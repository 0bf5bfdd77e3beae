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
import { SignalApi, signalApiRef } from '@backstage/plugin-signals-react';
import { ReactElement } from 'react';
import { platformApiRef } from '../api/PlatformApi';
import { PlatformClient } from '../api/PlatformClient';
import { rootRouteRef } from '../routes';

/** Where msw handlers in tests answer for the platform backend. */
export const PLATFORM_BASE = 'http://backend.test/api/platform';

/** Renders with the real PlatformClient talking to msw handlers (and `signals`, when given). */
export function renderWithPlatformApi(
  element: ReactElement,
  options: {
    path?: string;
    route?: string;
    config?: object;
    signals?: SignalApi;
  } = {},
) {
  const discoveryApi = mockApis.discovery({ baseUrl: 'http://backend.test' });
  const fetchApi = new MockFetchApi();
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [discoveryApiRef, discoveryApi],
        [fetchApiRef, fetchApi],
        [configApiRef, mockApis.config({ data: options.config ?? {} })],
        [platformApiRef, new PlatformClient({ discoveryApi, fetchApi })],
        ...(options.signals ? [[signalApiRef, options.signals] as const] : []),
      ]}
    >
      {element}
    </TestApiProvider>,
    {
      mountedRoutes: { '/platform': rootRouteRef },
      ...(options.route ? { routeEntries: [options.route] } : {}),
    },
  );
}
