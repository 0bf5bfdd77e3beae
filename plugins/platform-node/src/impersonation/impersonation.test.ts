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
import { JsonObject } from '@backstage/types';
import { kubernetesPersonKey, kubernetesPersonOf } from './KubernetesPerson';
import { readImpersonationConfig } from './readImpersonationConfig';

const read = (impersonation?: JsonObject) =>
  readImpersonationConfig(new ConfigReader({ platform: { impersonation } }));

describe('readImpersonationConfig', () => {
  it('defaults to the entity names and a minute of cached reviews', () => {
    expect(read(undefined)).toEqual({
      user: '{name}',
      group: '{name}',
      accessReviewCacheSeconds: 60,
    });
  });

  it.each([
    [
      { user: 'oidc:everyone' },
      'platform.impersonation.user',
      'must contain {name}',
    ],
    [
      { group: 'oidc:{team}' },
      'platform.impersonation.group',
      'unknown placeholder {team}',
    ],
    [
      { group: 'system:{name}' },
      'platform.impersonation.group',
      'system: identity',
    ],
    [
      { accessReviewCacheSeconds: -1 },
      'platform.impersonation.accessReviewCacheSeconds',
      'between 0 and 3600',
    ],
  ])('refuses %j naming %s', (value, key, words) => {
    expect(() => read(value)).toThrow(`Invalid config at ${key}`);
    expect(() => read(value)).toThrow(words);
  });
});

describe('kubernetesPersonOf', () => {
  const config = read({
    user: 'oidc:{name}@example.com',
    group: 'oidc:{name}',
  });

  it('maps the user ref and only the group refs the person owns through', () => {
    expect(
      kubernetesPersonOf(
        {
          userEntityRef: 'user:default/Alice',
          ownershipEntityRefs: [
            'user:default/alice',
            'group:default/team-payments',
            'group:default/engineering',
          ],
        },
        config,
      ),
    ).toEqual({
      user: 'oidc:alice@example.com',
      groups: ['oidc:engineering', 'oidc:team-payments'],
    });
  });

  it('gives no identity to a caller that is not a user', () => {
    expect(
      kubernetesPersonOf(
        { userEntityRef: 'component:default/robot', ownershipEntityRefs: [] },
        config,
      ),
    ).toBeUndefined();
  });

  it('keys a person by user and groups in any order', () => {
    expect(kubernetesPersonKey({ user: 'a', groups: ['x', 'y'] })).toBe(
      kubernetesPersonKey({ user: 'a', groups: ['y', 'x'] }),
    );
    expect(kubernetesPersonKey({ user: 'a', groups: ['x'] })).not.toBe(
      kubernetesPersonKey({ user: 'a', groups: ['x', 'y'] }),
    );
  });
});
