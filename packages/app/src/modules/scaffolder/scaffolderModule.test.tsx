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

import { useEffect } from 'react';
import { render, screen, waitFor } from '@testing-library/react';
import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import { createApp } from '@backstage/frontend-defaults';
import { ConfigReader } from '@backstage/config';
import { registerMswTestHooks } from '@backstage/test-utils';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { scaffolderModule } from './scaffolderModule';

const BACKEND = 'http://localhost:7007';
const AUTHORING_TABS = ['Template Editor', 'Actions', 'Templating Extensions'];

jest.setTimeout(60_000);

/** Signs in at once as an app developer, as the app's own sign-in would. */
const signedIn = createFrontendModule({
  pluginId: 'app',
  extensions: [
    SignInPageBlueprint.make({
      params: {
        loader: async () => props => {
          useEffect(() => {
            props.onSignInSuccess({
              getProfileInfo: async () => ({ displayName: 'Dana' }),
              getBackstageIdentity: async () => ({
                type: 'user',
                userEntityRef: 'user:default/dana',
                ownershipEntityRefs: ['group:default/team-payments'],
              }),
              getCredentials: async () => ({ token: 'test-token' }),
              signOut: async () => {},
            });
          }, [props]);
          return null;
        },
      },
    }),
  ],
});

const server = setupServer();
registerMswTestHooks(server);

/**
 * Opens `path` for someone the permission backend lets manage templates or
 * not, and waits until the app has asked it.
 */
async function openAs(path: string, canManageTemplates: boolean) {
  const asked: string[] = [];
  server.use(
    http.post(`${BACKEND}/api/permission/authorize`, async ({ request }) => {
      const body = (await request.json()) as {
        items: { id: string; permission: { name: string } }[];
      };
      return HttpResponse.json({
        items: body.items.map(item => {
          asked.push(item.permission.name);
          return {
            id: item.id,
            result:
              item.permission.name === 'scaffolder.template.management' &&
              canManageTemplates
                ? 'ALLOW'
                : 'DENY',
          };
        }),
      });
    }),
    // The pages' own data is not the subject here.
    http.all(`${BACKEND}/*`, () => HttpResponse.json({ items: [] })),
  );
  window.history.pushState({}, '', path);
  const app = createApp({
    features: [scaffolderPlugin, scaffolderModule, signedIn],
    advanced: {
      configLoader: async () => ({
        config: new ConfigReader({
          app: { baseUrl: 'http://localhost', title: 'Test' },
          backend: { baseUrl: BACKEND },
          permission: { enabled: true },
        }),
      }),
    },
  });
  const rendered = render(app.createRoot());
  await waitFor(
    () => expect(asked).toContain('scaffolder.template.management'),
    {
      timeout: 20_000,
    },
  );
  return rendered;
}

/** The tabs of the scaffolder page for someone the permission backend answers for. */
async function tabsFor(canManageTemplates: boolean): Promise<string[]> {
  const rendered = await openAs('/create/tasks', canManageTemplates);
  await screen.findByRole('tab', { name: 'Templates' }, { timeout: 20_000 });
  const tabs = screen.getAllByRole('tab').map(tab => tab.textContent ?? '');
  rendered.unmount();
  return tabs;
}

describe('scaffolderModule', () => {
  it('shows an app developer the templates and tasks, none of the template-authoring tabs', async () => {
    const tabs = await tabsFor(false);
    expect(tabs).toEqual(expect.arrayContaining(['Templates', 'Tasks']));
    for (const tab of AUTHORING_TABS) expect(tabs).not.toContain(tab);
  });

  it('shows the platform team the template-authoring tabs too', async () => {
    const tabs = await tabsFor(true);
    expect(tabs).toEqual(
      expect.arrayContaining(['Templates', 'Tasks', ...AUTHORING_TABS]),
    );
  });

  it.each([
    ['/create/edit', 'The template editor'],
    ['/create/actions', 'The list of installed actions'],
    ['/create/templating-extensions', 'The list of templating extensions'],
  ])(
    'answers an app developer at %s with a page saying it is not allowed',
    async (path, page) => {
      const rendered = await openAs(path, false);
      expect(
        await screen.findByText(
          `${page} is for the platform team, who write the templates.`,
          undefined,
          { timeout: 20_000 },
        ),
      ).toBeInTheDocument();
      expect(
        screen.getByRole('heading', { level: 1, name: 'Not allowed' }),
      ).toBeInTheDocument();
      expect(screen.queryByRole('tab', { name: 'Templates' })).toBeNull();
      rendered.unmount();
    },
  );

  it('opens the template editor, not the refusal, for the platform team', async () => {
    const rendered = await openAs('/create/edit', true);
    expect(
      await screen.findByRole(
        'tab',
        { name: 'Template Editor' },
        { timeout: 20_000 },
      ),
    ).toHaveAttribute('aria-selected', 'true');
    expect(screen.queryByText(/is for the platform team/)).toBeNull();
    rendered.unmount();
  });
});
