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

/**
 * `/status/check`: Dropwizard-style health checks keyed by name. Read-only
 * mode and a full blob store turn their checks unhealthy.
 */
export function statusChecks(now: Date, state: { readOnly: boolean; blobStoreFull: boolean }) {
  const timestamp = now.toISOString();
  const check = (healthy: boolean, message: string | null) => ({
    healthy,
    message,
    error: null,
    details: null,
    time: now.getTime(),
    duration: 0,
    timestamp,
  });
  return {
    'Available CPUs': check(true, 'The host system is allocating a maximum of 8 cores to the application.'),
    'Blob Stores': state.blobStoreFull
      ? check(false, 'Blob store default is over its soft quota or out of space')
      : check(true, 'All blob stores are ready.'),
    'Default Admin Credentials': check(true, 'The default admin credentials have been changed.'),
    'File Blob Stores Path': check(true, 'All file blob stores use paths within the data directory.'),
    'File Descriptors': check(true, 'The file descriptor limit is 65536.'),
    'Lifecycle Phase': check(true, 'Lifecycle phase is STARTED'),
    'Read-Only Detector': state.readOnly
      ? check(false, 'Nexus Repository Manager is in read-only mode')
      : check(true, 'Nexus Repository Manager is not in read-only mode'),
    Scheduler: check(true, 'The scheduler is running.'),
    'Thread Deadlock Detector': check(true, 'No deadlocked threads'),
    Transactions: check(true, 'All transactions are being processed.'),
  };
}
