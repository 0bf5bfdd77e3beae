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

import { defaultFleet } from '../scenario/defaultFleet';
import { Sandbox, startSandbox } from './startSandbox';
import { kubeFetch } from './kubeFetch';

/** A length-delimited protobuf field. */
function field(n: number, value: Buffer | string): Buffer {
  const bytes = Buffer.isBuffer(value) ? value : Buffer.from(value);
  return Buffer.concat([Buffer.from([(n << 3) | 2, bytes.length]), bytes]);
}

jest.setTimeout(30_000);

describe('HTTPS (for kubectl)', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ fleet: defaultFleet(), port: 0, controlPort: 0, realTimeTicks: false });
  });

  afterAll(async () => {
    await sandbox.stop();
  });

  it('answers a protobuf SelfSubjectAccessReview as kubectl auth can-i sends it', async () => {
    const attributes = Buffer.concat([field(1, 'storefront'), field(2, 'create'), field(3, 'apps'), field(5, 'deployments')]);
    const review = field(2, field(1, attributes));
    const body = Buffer.concat([Buffer.from([0x6b, 0x38, 0x73, 0x00]), field(2, review)]);
    const ask = async (token: string) => {
      const res = await kubeFetch(sandbox, 'prod-eu-1', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/vnd.kubernetes.protobuf' },
        body,
      });
      expect(res.status).toBe(201);
      return res.json();
    };
    const creds = sandbox.credentials.kubernetes['prod-eu-1'];
    const storefront = await ask(creds.teams['team-storefront']);
    expect(storefront.spec.resourceAttributes).toEqual({ namespace: 'storefront', verb: 'create', group: 'apps', resource: 'deployments' });
    expect(storefront.status.allowed).toBe(true);
    expect((await ask(creds.teams['team-payments'])).status.allowed).toBe(false);
  });
});
