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

import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  entityUrl,
  paymentsApi,
  renderEntityCard,
} from '../../__testUtils__/entityCardFixtures';
import {
  itShowsProgress,
  itShowsTheAnnotationsToAdd,
  itShowsTheBackendsMessage,
} from '../../__testUtils__/cardStateTests';
import { NexusCard } from './NexusCard';

const server = setupServer();
registerMswTestHooks(server);
const FIND = { timeout: 10_000 };
const URL = entityUrl('nexus');

const version = (v: string, clusters: string[]) => ({
  version: v,
  repository: 'docker-hosted',
  sizeBytes: 12_400_000,
  lastModified: '2026-11-20T10:00:00.000Z',
  clusters,
});

describe('NexusCard', () => {
  const subject = { server, card: <NexusCard />, url: URL };
  itShowsTheAnnotationsToAdd(subject, {
    title: 'Nexus is not configured for this entity',
    hint: /nexus-repository-manager\/docker.image-name: <group>\/docs-site/,
    requests: `${URL}*`,
  });
  itShowsProgress(subject);
  itShowsTheBackendsMessage(subject, {
    title: /Nexus could not be read/,
    name: 'ServiceUnavailableError',
    message:
      'Nexus could not be reached (connect ECONNREFUSED); check platform.upstreams.nexus',
    status: 503,
    shown: /Nexus could not be reached.*platform.upstreams.nexus/,
  });

  it('says so when Nexus holds no version', async () => {
    server.use(
      http.get(URL, () =>
        HttpResponse.json({
          configured: true,
          artifacts: [
            {
              format: 'docker',
              name: 'team-payments/payments-api',
              versions: [],
            },
          ],
          clusterErrors: [],
          observedAt: '2026-11-26T10:00:00Z',
        }),
      ),
    );
    await renderEntityCard(<NexusCard />, paymentsApi);
    expect(
      await screen.findByText(
        'Nexus has no version of team-payments/payments-api.',
        undefined,
        FIND,
      ),
    ).toBeInTheDocument();
  });

  it('says how many versions of other teams were left out', async () => {
    server.use(
      http.get(URL, () =>
        HttpResponse.json({
          configured: true,
          artifacts: [
            {
              format: 'docker',
              name: 'team-payments/payments-api',
              versions: [],
            },
          ],
          clusterErrors: [],
          hiddenVersions: 3,
          observedAt: '2026-11-26T10:00:00Z',
        }),
      ),
    );
    await renderEntityCard(<NexusCard />, paymentsApi);
    expect(
      await screen.findByText(
        'No version of team-payments/payments-api shown: 3 versions of other teams hidden.',
        undefined,
        FIND,
      ),
    ).toBeInTheDocument();
  });

  it('lists each version with its repository, size, date and clusters, and the clusters it could not ask', async () => {
    server.use(
      http.get(URL, () =>
        HttpResponse.json({
          configured: true,
          artifacts: [
            {
              format: 'docker',
              name: 'team-payments/payments-api',
              versions: [
                version('1.5.0', ['prod-eu-1', 'staging-1']),
                version('1.4.1', []),
              ],
            },
          ],
          clusterErrors: [
            {
              cluster: 'edge-rke2-1',
              message: 'Kubernetes API on edge-rke2-1 did not answer in time',
            },
          ],
          observedAt: '2026-11-26T10:00:00Z',
        }),
      ),
    );
    await renderEntityCard(<NexusCard />, paymentsApi);
    const table = await screen.findByRole(
      'table',
      { name: 'Docker image team-payments/payments-api' },
      FIND,
    );
    const rows = within(table).getAllByRole('row');
    expect(within(rows[1]).getByText('1.5.0')).toBeInTheDocument();
    expect(within(rows[1]).getByText('docker-hosted')).toBeInTheDocument();
    expect(within(rows[1]).getByText('12.4 MB')).toBeInTheDocument();
    expect(
      within(rows[1]).getByText('2026-11-20 10:00 UTC'),
    ).toBeInTheDocument();
    expect(within(rows[1]).getByText('prod-eu-1')).toBeInTheDocument();
    expect(within(rows[1]).getByText('staging-1')).toBeInTheDocument();
    expect(within(rows[2]).queryByText('prod-eu-1')).not.toBeInTheDocument();
    expect(
      screen.getByText(
        /edge-rke2-1: Kubernetes API on edge-rke2-1 did not answer/,
      ),
    ).toBeInTheDocument();
  });
});
