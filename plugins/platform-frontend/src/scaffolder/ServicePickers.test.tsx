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
import { ServicePicker } from './ServicePicker';
import { ServicePortPicker, validateServicePort } from './ServicePortPicker';
import {
  PLATFORM_BASE,
  renderScaffolderField,
} from '../__testUtils__/renderScaffolderField';

const server = setupServer();
registerMswTestHooks(server);

const FORM = {
  cluster: 'resource:default/prod-eu-1',
  namespace: 'payments',
};
const SERVICES = {
  cluster: 'prod-eu-1',
  namespace: 'payments',
  services: [
    {
      name: 'ledger',
      ports: [
        { port: 80, name: 'http', protocol: 'TCP' },
        { port: 9090, name: 'metrics', protocol: 'TCP' },
      ],
    },
    { name: 'payments-api', ports: [{ port: 8080 }] },
  ],
};

describe('the Service and port pickers', () => {
  it('offers the Services of the chosen namespace with their ports, asked of the backend once', async () => {
    const asked: string[] = [];
    server.use(
      http.get(
        `${PLATFORM_BASE}/clusters/:cluster/namespaces/:namespace/services`,
        ({ request }) => {
          asked.push(new URL(request.url).pathname);
          return HttpResponse.json(SERVICES);
        },
      ),
    );
    const { onChange } = await renderScaffolderField(ServicePicker, {
      form: FORM,
      schema: { title: 'Service' },
    });
    await userEvent.click(
      await screen.findByRole('button', { name: /Service/ }),
    );
    expect(screen.getAllByRole('option').map(o => o.textContent)).toEqual([
      'ledger (port 80, 9090)',
      'payments-api (port 8080)',
    ]);
    await userEvent.click(screen.getByRole('option', { name: /payments-api/ }));
    expect(onChange).toHaveBeenLastCalledWith('payments-api');
    expect(asked).toEqual([
      '/api/platform/clusters/prod-eu-1/namespaces/payments/services',
    ]);
  });

  it('says there is no Service yet rather than offering free text', async () => {
    server.use(
      http.get(
        `${PLATFORM_BASE}/clusters/:cluster/namespaces/:namespace/services`,
        () => HttpResponse.json({ ...SERVICES, services: [] }),
      ),
    );
    await renderScaffolderField(ServicePicker, { form: FORM });
    expect(
      await screen.findByText(
        'payments on prod-eu-1 has no Service yet; deploy the component first, then route to it.',
      ),
    ).toBeInTheDocument();
  });

  it('picks the only port of the chosen Service, and offers a choice among several', async () => {
    server.use(
      http.get(
        `${PLATFORM_BASE}/clusters/:cluster/namespaces/:namespace/services`,
        () => HttpResponse.json(SERVICES),
      ),
    );
    const single = await renderScaffolderField(ServicePortPicker, {
      form: { ...FORM, service: 'payments-api' },
    });
    await waitFor(() => expect(single.onChange).toHaveBeenLastCalledWith(8080));
    single.unmount();

    const several = await renderScaffolderField(ServicePortPicker, {
      form: { ...FORM, service: 'ledger' },
      schema: { title: 'Service port' },
    });
    await userEvent.click(
      await screen.findByRole('button', { name: /Service port/ }),
    );
    expect(screen.getAllByRole('option').map(o => o.textContent)).toEqual([
      '80 (http, TCP)',
      '9090 (metrics, TCP)',
    ]);
    await userEvent.click(screen.getByRole('option', { name: /9090/ }));
    expect(several.onChange).toHaveBeenLastCalledWith(9090);
  });

  it('words a port out of range without a pattern', () => {
    const errors: string[] = [];
    const validation = { addError: (e: string) => errors.push(e) } as any;
    for (const port of [0, 99999, 80.5, 8080]) {
      validateServicePort(port, validation, {} as any);
    }
    expect(errors).toEqual([
      'must be a whole number from 1 to 65535',
      'must be a whole number from 1 to 65535',
      'must be a whole number from 1 to 65535',
    ]);
  });
});
