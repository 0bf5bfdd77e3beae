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
  createApiFactory,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { platformApiRef } from '../api/PlatformApi';
import { PlatformClient } from '../api/PlatformClient';
import { rootRouteRef } from '../routes';

/**
 * The platform plugin for apps on the legacy frontend system.
 *
 * @public
 */
export const platformLegacyPlugin = createPlugin({
  id: 'platform',
  apis: [
    createApiFactory({
      api: platformApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new PlatformClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: rootRouteRef },
});

/**
 * The platform page, for a legacy app's routes:
 * `<Route path="/platform" element={<PlatformPage />} />`.
 *
 * @public
 */
export const PlatformPage: () => JSX.Element = platformLegacyPlugin.provide(
  createRoutableExtension({
    name: 'PlatformPage',
    component: () => import('../components/Router').then(m => m.Router),
    mountPoint: rootRouteRef,
  }),
);
