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
 * How long simulated things take, in simulated milliseconds. Kept in one
 * place: these are the sandbox's assumptions, not upstream facts.
 */
export const TIMINGS = {
  /** Machine created -> infrastructure provisioned and node registered. */
  machineProvisionMs: 60_000,
  /** Node registered -> kubelet and CNI ready. */
  nodeReadyMs: 30_000,
  /** Machine deletion (drain + VM removal). */
  machineDeleteMs: 20_000,
  /** Certificate issued this long after it was requested. */
  certificateIssueMs: 10_000,
  /** cert-manager default: certificates are valid 90 days... */
  certificateDurationMs: 90 * 24 * 3600_000,
  /** ...and renewed 30 days before they expire. */
  certificateRenewBeforeMs: 30 * 24 * 3600_000,
  /** etcd compaction window: older watch revisions and continue tokens are gone. */
  historyRetentionMs: 5 * 60_000,
};

/** The platform's API group for sandbox bookkeeping annotations. */
export const SANDBOX_ANNOTATION = 'sandbox.platform-portal.io';
