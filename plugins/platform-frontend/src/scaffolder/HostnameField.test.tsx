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
import { mockApis } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HostnameField, validateHostname } from './HostnameField';
import { renderScaffolderField } from '../__testUtils__/renderScaffolderField';

const DOMAINS = ['apps.example.internal', 'internal.example.com'];
const config = { platform: { selfService: { allowedDomains: DOMAINS } } };

describe('HostnameField', () => {
  it("offers the platform's domains as suffixes and reports the whole hostname", async () => {
    const { onChange } = await renderScaffolderField(HostnameField, {
      config,
      schema: { title: 'Hostname' },
    });
    await userEvent.type(
      screen.getByRole('textbox', { name: /Hostname/ }),
      'shop',
    );
    expect(onChange).toHaveBeenLastCalledWith('shop.apps.example.internal');

    await userEvent.click(
      screen.getByRole('button', { name: /apps.example.internal/ }),
    );
    await userEvent.click(
      screen.getByRole('option', { name: '.internal.example.com' }),
    );
    expect(onChange).toHaveBeenLastCalledWith('shop.internal.example.com');
  });

  it('shows a hostname the form already has as host and domain', async () => {
    await renderScaffolderField(HostnameField, {
      config,
      formData: 'api.eu.internal.example.com',
    });
    expect(screen.getByRole('textbox')).toHaveValue('api.eu');
    expect(
      screen.getByRole('button', { name: /internal.example.com/ }),
    ).toBeInTheDocument();
  });

  it('says so when no domain is allowed, naming the config key', async () => {
    await renderScaffolderField(HostnameField, {
      schema: { title: 'Hostname' },
    });
    expect(
      screen.getByText(
        /platform.selfService.allowedDomains is\s+not configured/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
  });
});

describe('validateHostname', () => {
  const context = {
    apiHolder: {
      get: (ref: { id: string }) =>
        ref.id === configApiRef.id
          ? mockApis.config({ data: config })
          : undefined,
    },
    formData: {},
    schema: {},
  } as any;

  async function errorsFor(value: string) {
    const errors: string[] = [];
    await validateHostname(
      value,
      { addError: (e: string) => errors.push(e) } as any,
      context,
    );
    return errors;
  }

  it('accepts hostnames under an allowed domain', async () => {
    expect(await errorsFor('shop.apps.example.internal')).toEqual([]);
    expect(await errorsFor('a.b.internal.example.com')).toEqual([]);
  });

  it('names the allowed domains for a hostname outside them', async () => {
    expect(await errorsFor('shop.evil.example.org')).toEqual([
      '"shop.evil.example.org" must end with one of the platform\'s domains: apps.example.internal, internal.example.com',
    ]);
    // The domain itself, or a look-alike suffix, is not under it.
    expect(await errorsFor('apps.example.internal')).toHaveLength(1);
    expect(await errorsFor('shopapps.example.internal')).toHaveLength(1);
  });

  it('names the label that is not a DNS label', async () => {
    expect(await errorsFor('Shop_1.apps.example.internal')).toEqual([
      '"Shop_1.apps.example.internal" "Shop_1" is not a DNS label (lowercase letters, digits and \'-\', at most 63)',
    ]);
    expect(await errorsFor('.apps.example.internal')).toHaveLength(1);
  });
});
