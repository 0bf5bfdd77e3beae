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

import { configApiRef } from '@backstage/core-plugin-api';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { GrafanaLinks } from './GrafanaLinks';

function renderWithGrafana(grafana: object) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [
          configApiRef,
          mockApis.config({ data: { platform: { links: { grafana } } } }),
        ],
      ]}
    >
      <GrafanaLinks cluster="staging-1" />
    </TestApiProvider>,
  );
}

describe('GrafanaLinks', () => {
  it('separates only the links there are', async () => {
    const { container } = await renderWithGrafana({
      baseUrl: 'https://grafana.example.internal',
      datasources: { prometheus: 'mimir', loki: 'loki' },
    });
    expect(container.textContent).toMatch(
      /^Explore metrics[^·]* · Explore logs/,
    );
    expect(
      screen.getByRole('link', { name: /^Explore metrics/ }),
    ).toHaveAttribute(
      'href',
      expect.stringContaining('https://grafana.example.internal/explore'),
    );
  });

  it('links the cluster dashboard first when there is one', async () => {
    const { container } = await renderWithGrafana({
      baseUrl: 'https://grafana.example.internal',
      clusterDashboardUid: 'k8s-cluster',
      datasources: { loki: 'loki' },
    });
    expect(container.textContent).toMatch(
      /^Cluster dashboard[^·]* · Explore logs/,
    );
  });
});
