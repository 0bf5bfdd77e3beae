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
import { InputError } from '@backstage/errors';

/** How old the latest successful backup may be before it is a finding (`platform.backup`). */
export interface BackupLimits {
  /** The latest etcd snapshot, in hours. */
  etcdMaxAgeHours: number;
  /** Each Longhorn volume's latest completed backup, in hours. */
  volumeMaxAgeHours: number;
}

/** A daily schedule with two hours of slack, for both. */
export const BACKUP_LIMIT_DEFAULTS: BackupLimits = {
  etcdMaxAgeHours: 26,
  volumeMaxAgeHours: 26,
};

/** Reads `platform.backup`; a value that is not a positive number is refused naming its key. */
export function readBackupLimits(config: Config): BackupLimits {
  const read = (name: keyof BackupLimits) => {
    const key = `platform.backup.${name}`;
    let value: number | undefined;
    try {
      value = config.getOptionalNumber(key);
    } catch {
      throw new InputError(`Invalid config at ${key}: not a number`);
    }
    const limit = value ?? BACKUP_LIMIT_DEFAULTS[name];
    if (!(limit > 0)) {
      throw new InputError(
        `Invalid config at ${key}: ${limit} is not a positive number of hours`,
      );
    }
    return limit;
  };
  return {
    etcdMaxAgeHours: read('etcdMaxAgeHours'),
    volumeMaxAgeHours: read('volumeMaxAgeHours'),
  };
}
