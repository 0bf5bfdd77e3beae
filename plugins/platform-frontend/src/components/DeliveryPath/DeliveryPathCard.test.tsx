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
import { DeliveryPath } from '@platform-portal/plugin-platform-common';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  paymentsApi,
  renderEntityCard,
} from '../../__testUtils__/entityCardFixtures';
import {
  itShowsProgress,
  itShowsTheAnnotationsToAdd,
  itShowsTheBackendsMessage,
} from '../../__testUtils__/cardStateTests';
import { PLATFORM_BASE } from '../../__testUtils__/renderWithPlatformApi';
import { DeliveryPathCard } from './DeliveryPathCard';

const server = setupServer();
registerMswTestHooks(server);
const FIND = { timeout: 10_000 };
const URL = `${PLATFORM_BASE}/delivery/default/component/payments-api`;
const WEB = 'https://gitlab.example/team-payments/payments-api';

const done = (
  id: DeliveryPath['stages'][number]['id'],
  title: string,
  evidence: string,
) => ({
  id,
  title,
  status: 'done' as const,
  evidence: [evidence],
  at: '2026-11-19T10:00:00.000Z',
});

const blocked: DeliveryPath = {
  commit: {
    sha: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
    shortSha: 'a1b2c3d4',
    title: 'Refunds: retry once on a timeout',
    author: 'Dev Eloper',
    createdAt: '2026-11-26T09:00:00.000Z',
    webUrl: `${WEB}/-/commit/a1b2c3d4`,
  },
  imageTags: ['a1b2c3d4'],
  stages: [
    done(
      'commit',
      'Commit (GitLab)',
      'a1b2c3d4 Refunds: retry once on a timeout',
    ),
    {
      id: 'pipeline',
      title: 'Pipeline (GitLab)',
      status: 'failed',
      evidence: ['Pipeline #9 on main: failed (stage test failed)'],
      link: `${WEB}/-/pipelines/9`,
    },
    {
      id: 'image',
      title: 'Image (Nexus)',
      status: 'waiting',
      evidence: ['Nexus has no team-payments/payments-api:a1b2c3d4 yet'],
    },
    {
      id: 'manifest',
      title: 'Manifest bump (GitOps)',
      status: 'waiting',
      evidence: ['Waits for the image'],
    },
    {
      id: 'sync',
      title: 'Argo CD sync and health',
      status: 'waiting',
      evidence: ['Waits for the manifest bump'],
    },
    {
      id: 'route',
      title: 'HTTPRoute and certificate',
      status: 'waiting',
      evidence: ['Waits for the deployment'],
    },
    {
      id: 'traffic',
      title: 'Traffic and errors (Prometheus)',
      status: 'waiting',
      evidence: ['Waits for the deployment'],
    },
    {
      id: 'traces',
      title: 'Traces (Tempo)',
      status: 'waiting',
      evidence: ['Waits for traffic'],
    },
  ],
  current: 'pipeline',
  summary:
    'Blocked at Pipeline (GitLab): Pipeline #9 on main: failed (stage test failed)',
  blockedBy: 'Pipeline #9 on main: failed (stage test failed)',
};

const live: DeliveryPath = {
  commit: { sha: 'e90a54c4000', shortSha: 'e90a54c4', title: 'Release 1.5.0' },
  imageTags: ['e90a54c4', '1.5.0'],
  stages: [
    done('commit', 'Commit (GitLab)', 'e90a54c4 Release 1.5.0'),
    done('pipeline', 'Pipeline (GitLab)', 'Pipeline #8 on main: success'),
    done(
      'image',
      'Image (Nexus)',
      'team-payments/payments-api:1.5.0 in docker-hosted',
    ),
    done(
      'manifest',
      'Manifest bump (GitOps)',
      'Deployed by payments-api on prod-eu-1',
    ),
    done('sync', 'Argo CD sync and health', 'prod-eu-1: Synced, Healthy'),
    done(
      'route',
      'HTTPRoute and certificate',
      'prod-eu-1: HTTPRoute payments/payments-api accepted',
    ),
    done(
      'traffic',
      'Traffic and errors (Prometheus)',
      'prod-eu-1: 12.0 req/s, 0.1% 5xx',
    ),
    {
      id: 'traces',
      title: 'Traces (Tempo)',
      status: 'unknown',
      evidence: ['The portal does not read traces: open the service in Tempo'],
    },
  ],
  summary: 'Live on prod-eu-1',
};

const answer = (changes: DeliveryPath[]) =>
  server.use(
    http.get(URL, () =>
      HttpResponse.json({
        configured: true,
        project: {
          path: 'team-payments/payments-api',
          defaultBranch: 'main',
          webUrl: WEB,
        },
        changes,
        observedAt: '2026-11-26T10:00:00.000Z',
      }),
    ),
  );

describe('DeliveryPathCard', () => {
  const subject = { server, card: <DeliveryPathCard />, url: URL };
  itShowsTheAnnotationsToAdd(subject, {
    title: 'Delivery is not configured for this entity',
    hint: /gitlab.com\/project-slug: <group>\/docs-site/,
    requests: `${PLATFORM_BASE}/delivery/*`,
  });
  itShowsProgress(subject);
  itShowsTheBackendsMessage(subject, {
    title: /Delivery could not be read/,
    name: 'ServiceUnavailableError',
    message: 'GitLab did not answer (refused); check platform.upstreams.gitlab',
    status: 503,
    shown: /GitLab did not answer \(refused\)/,
  });

  it('says so when the default branch has no commit', async () => {
    answer([]);
    await renderEntityCard(<DeliveryPathCard />, paymentsApi);
    expect(
      await screen.findByText(
        'team-payments/payments-api has no commit on main.',
        undefined,
        FIND,
      ),
    ).toBeInTheDocument();
  });

  it('shows where each change stands, the stage that blocks it marked, statuses as icon and word', async () => {
    answer([blocked, live]);
    await renderEntityCard(<DeliveryPathCard />, paymentsApi);
    expect(
      await screen.findByText(blocked.summary, undefined, FIND),
    ).toBeInTheDocument();
    expect(screen.getByText('Live on prod-eu-1')).toBeInTheDocument();
    const timeline = screen.getByRole('list', { name: 'Delivery of a1b2c3d4' });
    const stages = within(timeline).getAllByRole('listitem', { name: /: / });
    expect(stages.map(s => s.getAttribute('aria-label'))).toEqual([
      'Commit (GitLab): done',
      'Pipeline (GitLab): failed',
      'Image (Nexus): waiting',
      'Manifest bump (GitOps): waiting',
      'Argo CD sync and health: waiting',
      'HTTPRoute and certificate: waiting',
      'Traffic and errors (Prometheus): waiting',
      'Traces (Tempo): waiting',
    ]);
    const current = stages.find(
      s => s.getAttribute('aria-current') === 'step',
    )!;
    expect(within(current).getByText('failed')).toBeInTheDocument();
    expect(
      within(current).getByText(
        'Pipeline #9 on main: failed (stage test failed)',
      ),
    ).toBeInTheDocument();
    expect(
      within(current).getByRole('link', { name: /^Pipeline in GitLab/ }),
    ).toHaveAttribute('href', `${WEB}/-/pipelines/9`);
    // The trace link opens Grafana Explore on Tempo for the service.
    expect(
      within(timeline)
        .getByRole('link', { name: /^Open traces in Tempo/ })
        .getAttribute('href'),
    ).toMatch(
      /^https:\/\/grafana\.example\/explore\?.*tempo-uid.*payments-api/,
    );
  });
});
