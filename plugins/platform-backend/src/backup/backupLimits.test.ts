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
import { readBackupLimits } from './backupLimits';

describe('readBackupLimits', () => {
  it('defaults to 26 hours for etcd and volumes', () => {
    expect(readBackupLimits(new ConfigReader({}))).toEqual({
      etcdMaxAgeHours: 26,
      volumeMaxAgeHours: 26,
    });
  });

  it('reads platform.backup', () => {
    expect(
      readBackupLimits(
        new ConfigReader({ platform: { backup: { volumeMaxAgeHours: 8 } } }),
      ).volumeMaxAgeHours,
    ).toBe(8);
  });

  it.each([
    [{ etcdMaxAgeHours: 0 }, 'platform.backup.etcdMaxAgeHours'],
    [{ volumeMaxAgeHours: -3 }, 'platform.backup.volumeMaxAgeHours'],
    [{ etcdMaxAgeHours: 'daily' }, 'platform.backup.etcdMaxAgeHours'],
  ])('refuses %j naming %s', (backup, key) => {
    expect(() =>
      readBackupLimits(new ConfigReader({ platform: { backup } })),
    ).toThrow(new RegExp(`Invalid config at ${key.replace(/\./g, '\\.')}`));
  });
});
