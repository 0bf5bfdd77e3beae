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

import { Config } from '@backstage/config';
import {
  IdentityProviders,
  SignInProviderConfig,
} from '@backstage/core-components';
import { oidcAuthApiRef } from './oidcAuthApiRef';

/** The OIDC entry of the sign-in page. */
export const oidcProvider: SignInProviderConfig = {
  id: 'oidc-auth-provider',
  title: 'Dex',
  message: 'Sign in with your company account',
  apiRef: oidcAuthApiRef,
};

/**
 * What the sign-in page offers: OIDC when the backend has an `oidc` provider
 * for this auth environment, and the guest only outside production (the
 * embedded default; a production backend refuses the guest anyway).
 */
export function signInProviders(config: Config): IdentityProviders {
  const environment =
    config.getOptionalString('auth.environment') ?? 'development';
  const providers: IdentityProviders = [];
  if (config.has(`auth.providers.oidc.${environment}`)) {
    providers.push(oidcProvider);
  }
  if (environment !== 'production') {
    providers.push('guest');
  }
  return providers;
}
