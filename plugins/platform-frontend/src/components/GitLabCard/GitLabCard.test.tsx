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
import { GitLabCard } from './GitLabCard';

const server = setupServer();
registerMswTestHooks(server);
const FIND = { timeout: 10_000 };
const CARD_URL = entityUrl('gitlab');
const WEB = 'https://gitlab.example/team-payments/payments-api';

const pipeline = (id: number, ref: string, status: string) => ({
  id,
  ref,
  status,
  sha: '9f1c2e0a8d7b4c3e5f60718293a4b5c6d7e8f901',
  createdAt: '2026-11-26T09:00:00.000Z',
  durationSeconds: 245,
  webUrl: `${WEB}/-/pipelines/${id}`,
  stages: [
    { name: 'build', status: 'success', jobs: 1 },
    { name: 'test', status, jobs: 2 },
  ],
});

const answer = (body: object) =>
  server.use(http.get(CARD_URL, () => HttpResponse.json(body)));

const project = {
  path: 'team-payments/payments-api',
  webUrl: WEB,
  defaultBranch: 'main',
};

describe('GitLabCard', () => {
  const subject = { server, card: <GitLabCard />, url: CARD_URL };
  itShowsTheAnnotationsToAdd(subject, {
    title: 'GitLab is not configured for this entity',
    hint: /gitlab.com\/project-slug: <group>\/docs-site/,
    requests: `${CARD_URL}*`,
  });
  itShowsProgress(subject);
  itShowsTheBackendsMessage(subject, {
    title: /GitLab could not be read/,
    name: 'NotFoundError',
    message:
      "GitLab has no project 'team-payments/payments-api' that the portal may see",
    status: 404,
    shown: /GitLab has no project 'team-payments\/payments-api'/,
  });

  it('says so when nothing has run', async () => {
    answer({
      configured: true,
      project,
      defaultBranch: [],
      mergeRequests: [],
      observedAt: '2026-11-26T10:00:00Z',
    });
    await renderEntityCard(<GitLabCard />, paymentsApi);
    expect(
      await screen.findByText(
        'team-payments/payments-api has no pipeline on main and no open merge request.',
        undefined,
        FIND,
      ),
    ).toBeInTheDocument();
  });

  it('lists default-branch and merge-request pipelines with status, duration, stages and links', async () => {
    answer({
      configured: true,
      project,
      defaultBranch: [
        pipeline(77030, 'main', 'success'),
        pipeline(77029, 'main', 'failed'),
      ],
      mergeRequests: [
        {
          iid: 4,
          title: 'Change #27',
          sourceBranch: 'feature/change-27',
          webUrl: `${WEB}/-/merge_requests/4`,
          pipeline: pipeline(77027, 'feature/change-27', 'running'),
        },
      ],
      observedAt: '2026-11-26T10:00:00Z',
    });
    await renderEntityCard(<GitLabCard />, paymentsApi);
    const main = await screen.findByRole(
      'list',
      { name: 'Default branch pipelines' },
      FIND,
    );
    const [newest, failed] = within(main).getAllByRole('listitem');
    expect(
      within(newest).getByRole('link', { name: /^#77030/ }),
    ).toHaveAttribute('href', `${WEB}/-/pipelines/77030`);
    expect(within(newest).getByText('4 min 05 s')).toBeInTheDocument();
    expect(within(failed).getAllByText('failed')).toHaveLength(2);
    const stages = within(failed).getByLabelText('Stages of pipeline 77029');
    expect(stages).toHaveTextContent('build: success');
    expect(stages).toHaveTextContent('test: failed');
    const mrs = screen.getByRole('list', { name: 'Open merge requests' });
    expect(within(mrs).getByRole('link', { name: /^!4/ })).toHaveAttribute(
      'href',
      `${WEB}/-/merge_requests/4`,
    );
    expect(
      within(mrs).getByText(/Change #27 \(feature\/change-27\)/),
    ).toBeInTheDocument();
    expect(within(mrs).getAllByText('running').length).toBeGreaterThan(0);
  });
});
