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
import { ConfigReader } from '@backstage/config';
import { oidcProvider, signInProviders } from './signInProviders';

const oidc = { metadataUrl: 'https://dex.example.com/dex/.well-known/x' };

describe('signInProviders', () => {
  it('offers only the guest in the embedded default', () => {
    expect(signInProviders(new ConfigReader({}))).toEqual(['guest']);
  });

  it('offers Dex first and the guest when a development backend has OIDC', () => {
    const config = new ConfigReader({
      auth: { providers: { oidc: { development: oidc } } },
    });
    expect(signInProviders(config)).toEqual([oidcProvider, 'guest']);
  });

  it('offers only Dex in production', () => {
    const config = new ConfigReader({
      auth: {
        environment: 'production',
        providers: { oidc: { production: oidc } },
      },
    });
    expect(signInProviders(config)).toEqual([oidcProvider]);
  });

  it('does not offer an OIDC provider configured for another environment', () => {
    const config = new ConfigReader({
      auth: { providers: { oidc: { production: oidc } } },
    });
    expect(signInProviders(config)).toEqual(['guest']);
  });
});
