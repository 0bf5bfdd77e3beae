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

import { Observed, UpstreamHttpClient } from '../http/UpstreamHttpClient';

/** The fields of Dex's OpenID discovery document the portal relies on. */
export interface DexDiscovery {
  issuer?: string;
  authorization_endpoint?: string;
  token_endpoint?: string;
  jwks_uri?: string;
  scopes_supported?: string[];
}

/** Dex as the portal reads it: its discovery document and its health. */
export class DexClient {
  constructor(private readonly http: UpstreamHttpClient) {}

  discovery(signal?: AbortSignal): Promise<Observed<DexDiscovery>> {
    return this.http.getJson<DexDiscovery>(
      '/.well-known/openid-configuration',
      undefined,
      signal,
    );
  }

  /** 200 "Health check passed", or 500 when Dex's own checks (storage) fail. */
  health(signal?: AbortSignal): Promise<Observed<string>> {
    return this.http.probe('/healthz', [200, 500], signal);
  }
}
