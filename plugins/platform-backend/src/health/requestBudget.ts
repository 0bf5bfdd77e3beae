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
 * Upstream requests one refresh may make for one cluster: one list per
 * Kubernetes kind the checks read (24 with the backup posture's CronJobs,
 * Jobs, BackupTargets and RecurringJobs), HAProxy stats and Keepalived state.
 * At 500 ms per request and 64 in flight this refreshes 200 clusters in
 * about 200 × 26 × 0.5 s / 64 ≈ 41 s.
 */
export const REQUESTS_PER_CLUSTER_REFRESH = 26;

/**
 * Requests of one refresh that serve every cluster alike (Nexus, GitLab, one
 * Prometheus query and one Alertmanager read for the fleet), whatever the
 * number of clusters.
 */
export const SHARED_REQUESTS_PER_REFRESH = 16;
