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

import { UpstreamContext, UpstreamSimulator } from './types';
import { createAlertmanagerSimulator } from './alertmanager/AlertmanagerSimulator';
import { createArgoCdSimulator } from './argocd/ArgoCdSimulator';
import { createGitLabSimulator } from './gitlab/GitLabSimulator';
import { createGrafanaSimulator } from './grafana/GrafanaSimulator';
import { createHaproxySimulator } from './haproxy/HaproxySimulator';
import { createKeepalivedSimulator } from './keepalived/KeepalivedSimulator';
import { createLokiSimulator } from './loki/LokiSimulator';
import { createNexusSimulator } from './nexus/NexusSimulator';
import { createMimirSimulator, createPrometheusSimulator } from './prometheus/PrometheusSimulator';
import { createTempoSimulator } from './tempo/TempoSimulator';

export type { SandboxCredentials, UpstreamContext, UpstreamSimulator } from './types';
export { createAlertmanagerSimulator } from './alertmanager/AlertmanagerSimulator';
export { createArgoCdSimulator } from './argocd/ArgoCdSimulator';
export { createGitLabSimulator } from './gitlab/GitLabSimulator';
export type { GitLabSimulator, GitLabSimulatorOptions } from './gitlab/GitLabSimulator';
export { createGrafanaSimulator } from './grafana/GrafanaSimulator';
export { createHaproxySimulator } from './haproxy/HaproxySimulator';
export { createKeepalivedSimulator } from './keepalived/KeepalivedSimulator';
export { createLokiSimulator } from './loki/LokiSimulator';
export { createNexusSimulator } from './nexus/NexusSimulator';
export type { NexusSimulatorOptions } from './nexus/NexusSimulator';
export { createMimirSimulator, createPrometheusSimulator } from './prometheus/PrometheusSimulator';
export { createTempoSimulator } from './tempo/TempoSimulator';

/** Every simulated upstream of part 2, ready for the sandbox server to mount. */
export function createUpstreamSimulators(ctx: UpstreamContext): UpstreamSimulator[] {
  return [
    createGitLabSimulator(ctx),
    createArgoCdSimulator(ctx),
    createGrafanaSimulator(ctx),
    createTempoSimulator(ctx),
    createLokiSimulator(ctx),
    createNexusSimulator(ctx),
    createPrometheusSimulator(ctx),
    createMimirSimulator(ctx),
    createAlertmanagerSimulator(ctx),
    createHaproxySimulator(ctx),
    createKeepalivedSimulator(ctx),
  ];
}
