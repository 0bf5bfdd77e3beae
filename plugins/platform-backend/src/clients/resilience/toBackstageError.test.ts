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

import { NotAllowedError, ServiceUnavailableError } from '@backstage/errors';
import { toBackstageError } from './toBackstageError';
import { UpstreamFailure } from './UpstreamFailure';

const target = {
  upstream: 'Kubernetes API',
  cluster: 'prod-eu-1',
  hint: 'platform.clusters[0].kubernetes.url and platform.clusters[0].kubernetes.token',
  tlsHint: 'platform.clusters[0].kubernetes.caData',
  secrets: ['secret-token'],
};

describe('toBackstageError', () => {
  it("403 quotes the upstream's answer once, without a second status prefix", () => {
    const error = toBackstageError(
      new UpstreamFailure({
        kind: 'status',
        status: 403,
        message: 'HTTP 403: secrets is forbidden',
      }),
      target,
    );
    expect(error).toBeInstanceOf(NotAllowedError);
    expect(error.message).toBe(
      "Kubernetes API of cluster prod-eu-1 denied the portal's request (HTTP 403: secrets is forbidden); check the permissions of the portal's account at platform.clusters[0].kubernetes.url and platform.clusters[0].kubernetes.token",
    );
  });

  it('a refused certificate names the trust keys, not the URL and token, and no secret', () => {
    const error = toBackstageError(
      new UpstreamFailure({
        kind: 'tls',
        message:
          'SELF_SIGNED_CERT_IN_CHAIN: self-signed certificate secret-token',
      }),
      target,
    );
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toContain(
      'presented a certificate the portal does not trust (SELF_SIGNED_CERT_IN_CHAIN',
    );
    expect(error.message).toContain(
      'check platform.clusters[0].kubernetes.caData',
    );
    expect(error.message).not.toContain('secret-token');
  });

  it('without a tlsHint, a refused certificate falls back to the general hint', () => {
    const { tlsHint: _unused, ...withoutTls } = target;
    expect(
      toBackstageError(
        new UpstreamFailure({ kind: 'tls', message: 'CERT_HAS_EXPIRED: x' }),
        withoutTls,
      ).message,
    ).toContain(`check ${target.hint}`);
  });
});
