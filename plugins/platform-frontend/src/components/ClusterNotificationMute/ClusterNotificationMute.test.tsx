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
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  PLATFORM_BASE,
  renderWithPlatformApi,
} from '../../__testUtils__/renderWithPlatformApi';
import { ClusterNotificationMute } from './ClusterNotificationMute';

const server = setupServer();
registerMswTestHooks(server);
jest.setTimeout(30_000);

const URL = `${PLATFORM_BASE}/clusters/prod-eu-2/notifications`;

describe('ClusterNotificationMute', () => {
  it('shows the stored state, mutes and unmutes through the backend, and shows what it answered', async () => {
    // The backend's state, as the routes keep it.
    let stored = false;
    const puts: unknown[] = [];
    server.use(
      http.get(URL, () =>
        HttpResponse.json({ cluster: 'prod-eu-2', muted: stored }),
      ),
      http.put(URL, async ({ request }) => {
        const body = (await request.json()) as { muted: boolean };
        puts.push(body);
        stored = body.muted;
        return HttpResponse.json({ cluster: 'prod-eu-2', muted: stored });
      }),
    );
    await renderWithPlatformApi(
      <ClusterNotificationMute cluster="prod-eu-2" />,
    );
    const toggle = await screen.findByRole('checkbox', {
      name: 'Mute notifications for this cluster',
    });
    await waitFor(() => expect(toggle).toBeEnabled());
    expect(toggle).not.toBeChecked();
    expect(screen.getByRole('status')).toHaveTextContent(
      'You get owner notifications about prod-eu-2',
    );

    await userEvent.click(toggle);
    await waitFor(() => expect(toggle).toBeChecked());
    expect(screen.getByRole('status')).toHaveTextContent(
      'You get no owner notifications about prod-eu-2; turn the switch off to unmute.',
    );

    await waitFor(() => expect(toggle).toBeEnabled());
    await userEvent.click(toggle);
    await waitFor(() => expect(toggle).not.toBeChecked());
    expect(puts).toEqual([{ muted: true }, { muted: false }]);
    expect(stored).toBe(false);
  });

  it('keeps the switch as stored and says why when the change is refused', async () => {
    server.use(
      http.get(URL, () =>
        HttpResponse.json({ cluster: 'prod-eu-2', muted: false }),
      ),
      http.put(URL, () =>
        HttpResponse.json(
          {
            error: {
              name: 'ServiceUnavailableError',
              message: 'The database is unavailable',
            },
            request: {
              method: 'PUT',
              url: '/clusters/prod-eu-2/notifications',
            },
            response: { statusCode: 503 },
          },
          { status: 503 },
        ),
      ),
    );
    await renderWithPlatformApi(
      <ClusterNotificationMute cluster="prod-eu-2" />,
    );
    const toggle = await screen.findByRole('checkbox', {
      name: 'Mute notifications for this cluster',
    });
    await waitFor(() => expect(toggle).toBeEnabled());
    await userEvent.click(toggle);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not change the mute: The database is unavailable',
    );
    expect(toggle).not.toBeChecked();
  });
});
