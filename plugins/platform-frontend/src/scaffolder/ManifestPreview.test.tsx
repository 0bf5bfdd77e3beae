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

import { Entity } from '@backstage/catalog-model';
import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import {
  ManifestPreview,
  PREVIEW_ACCEPTED,
  validateManifestPreview,
} from './ManifestPreview';
import {
  PLATFORM_BASE,
  renderScaffolderField,
} from '../__testUtils__/renderScaffolderField';

const server = setupServer();
registerMswTestHooks(server);

const FORM = {
  cluster: 'resource:default/prod-eu-1',
  owner: 'group:default/team-payments',
  namespace: 'payments',
  name: 'checkout',
  hostname: 'checkout.apps.example.internal',
  service: 'ghost',
  port: 8080,
  preview: 'stale',
};

// The route template as the catalog serves it: its steps say which form
// field each action input comes from.
const TEMPLATE = parse(
  readFileSync(
    resolve(__dirname, '../../../../templates/route-certificate/template.yaml'),
    'utf8',
  ),
) as Entity;
TEMPLATE.metadata.namespace = 'default';

const route = (outcome: string, message: string) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  name: 'checkout',
  namespace: 'payments',
  outcome,
  message,
  manifest: { kind: 'HTTPRoute', spec: { hostnames: [FORM.hostname] } },
});

describe('ManifestPreview', () => {
  it('sends the form without its own value, shows why the dry run refused, and holds no accepted value', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post(
        `${PLATFORM_BASE}/self-service/preview`,
        async ({ request }) => {
          bodies.push(await request.json());
          return HttpResponse.json({
            template: 'platform-route-certificate',
            cluster: 'prod-eu-1',
            ok: false,
            manifests: [
              route(
                'refused',
                'rules[0].backends[0].service: no Service ghost in namespace payments; Services there: payments-api (8080)',
              ),
            ],
          });
        },
      ),
    );
    const { onChange } = await renderScaffolderField(ManifestPreview, {
      form: FORM,
      name: 'preview',
      uiOptions: { template: 'platform-route-certificate' },
      schema: { title: 'What this template will write' },
      entities: [TEMPLATE],
    });
    expect(
      await screen.findByText(
        'Service: no Service ghost in namespace payments; Services there: payments-api (8080)',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('HTTPRoute payments/checkout: Refused'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/refused what this template would write/),
    ).toBeInTheDocument();
    const { preview: _own, ...parameters } = FORM;
    expect(bodies).toEqual([
      { template: 'platform-route-certificate', parameters },
    ]);
    expect(onChange).toHaveBeenLastCalledWith(undefined);
  });

  it('holds the accepted value once every manifest passes, and checks again on demand', async () => {
    let calls = 0;
    server.use(
      http.post(`${PLATFORM_BASE}/self-service/preview`, () => {
        calls += 1;
        return HttpResponse.json({
          template: 'platform-route-certificate',
          cluster: 'prod-eu-1',
          ok: true,
          manifests: [
            route(
              'create',
              "Creates HTTPRoute payments/checkout on cluster prod-eu-1: accepted by the API server's dry run",
            ),
          ],
        });
      }),
    );
    const { onChange } = await renderScaffolderField(ManifestPreview, {
      form: { ...FORM, service: 'payments-api' },
      uiOptions: { template: 'platform-route-certificate' },
    });
    await waitFor(() =>
      expect(onChange).toHaveBeenLastCalledWith(PREVIEW_ACCEPTED),
    );
    expect(
      screen.getByText('HTTPRoute payments/checkout: Will be created'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Check again' }));
    await waitFor(() => expect(calls).toBe(2));
  });

  it("shows the backend's refusal of a parameter naming the form field, not the action input", async () => {
    server.use(
      http.post(`${PLATFORM_BASE}/self-service/preview`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'InputError',
              message:
                'rules[0].backends[0].port: must be an integer between 1 and 65535',
            },
            request: { method: 'POST', url: '/self-service/preview' },
            response: { statusCode: 400 },
          },
          { status: 400 },
        ),
      ),
    );
    const { onChange } = await renderScaffolderField(ManifestPreview, {
      form: { ...FORM, port: 99999 },
      uiOptions: { template: 'platform-route-certificate' },
      entities: [TEMPLATE],
    });
    expect(
      await screen.findByText(
        'The preview could not be made: Service port: must be an integer between 1 and 65535',
      ),
    ).toBeInTheDocument();
    expect(onChange).not.toHaveBeenCalledWith(PREVIEW_ACCEPTED);
  });

  it('blocks Next and Create until the dry run accepted', () => {
    const errors: string[] = [];
    const validation = { addError: (e: string) => errors.push(e) } as any;
    validateManifestPreview(undefined as any, validation, {} as any);
    validateManifestPreview('stale', validation, {} as any);
    validateManifestPreview(PREVIEW_ACCEPTED, validation, {} as any);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/dry run has not accepted/);
  });
});
