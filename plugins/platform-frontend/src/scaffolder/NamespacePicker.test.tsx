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
import { NamespacePicker } from './NamespacePicker';
import {
  PLATFORM_BASE,
  renderScaffolderField,
} from '../__testUtils__/renderScaffolderField';

const server = setupServer();
registerMswTestHooks(server);

const FORM = {
  cluster: 'resource:default/prod-eu-1',
  owner: 'group:default/team-payments',
};

describe('NamespacePicker', () => {
  it("offers the team's namespaces on the chosen cluster and reports the one picked", async () => {
    const asked: string[] = [];
    server.use(
      http.get(
        `${PLATFORM_BASE}/clusters/:cluster/namespaces`,
        ({ request }) => {
          asked.push(request.url);
          return HttpResponse.json({
            cluster: 'prod-eu-1',
            namespaces: [
              { name: 'ledger', team: 'team-payments' },
              { name: 'payments', team: 'team-payments' },
            ],
          });
        },
      ),
    );
    const { onChange } = await renderScaffolderField(NamespacePicker, {
      form: FORM,
      schema: { title: 'Namespace your team owns' },
    });

    await userEvent.click(
      await screen.findByRole('button', { name: /Namespace your team owns/ }),
    );
    expect(
      screen.getAllByRole('option').map(option => option.textContent),
    ).toEqual(['ledger (team-payments)', 'payments (team-payments)']);
    await userEvent.click(
      await screen.findByRole('option', { name: 'payments (team-payments)' }),
    );
    expect(onChange).toHaveBeenLastCalledWith('payments');
    expect(asked).toEqual([
      `${PLATFORM_BASE}/clusters/prod-eu-1/namespaces?team=team-payments`,
    ]);
  });

  it('asks for the cluster first, without calling the backend', async () => {
    const asked: string[] = [];
    server.use(
      http.get(
        `${PLATFORM_BASE}/clusters/:cluster/namespaces`,
        ({ request }) => {
          asked.push(request.url);
          return HttpResponse.json({ cluster: 'x', namespaces: [] });
        },
      ),
    );
    await renderScaffolderField(NamespacePicker, {
      form: { owner: FORM.owner },
    });
    expect(screen.getByText('Choose the cluster first.')).toBeInTheDocument();
    expect(asked).toEqual([]);
  });

  it('says when the team owns no namespace there yet, and where to make one', async () => {
    server.use(
      http.get(`${PLATFORM_BASE}/clusters/:cluster/namespaces`, () =>
        HttpResponse.json({ cluster: 'prod-eu-1', namespaces: [] }),
      ),
    );
    await renderScaffolderField(NamespacePicker, { form: FORM });
    expect(
      await screen.findByText(
        'team-payments owns no namespace on prod-eu-1 yet; create one with the Team namespace template.',
      ),
    ).toBeInTheDocument();
  });

  it("shows the backend's refusal in its own words", async () => {
    server.use(
      http.get(`${PLATFORM_BASE}/clusters/:cluster/namespaces`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotAllowedError',
              message:
                'Missing permission platform.namespace.write on group:default/team-storefront',
            },
            request: { method: 'GET', url: '/clusters/prod-eu-1/namespaces' },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    await renderScaffolderField(NamespacePicker, {
      form: { ...FORM, owner: 'group:default/team-storefront' },
    });
    await waitFor(() =>
      expect(
        screen.getByText(
          /could not be listed: Missing permission platform.namespace.write on group:default\/team-storefront/,
        ),
      ).toBeInTheDocument(),
    );
  });
});
