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

import { ClusterSpec } from '../../scenario/types';
import { ArgoCdVersion } from '../../scenario/upstreamVersions';

/**
 * Argo CD behaviour the contract leaves open or marks unconfirmed, and the
 * sandbox's own conventions, in one place.
 */

/** `/api/version` of each supported release (tag commits from argoproj/argo-cd). */
export const ARGOCD_VERSION_INFO: Record<ArgoCdVersion, Record<string, string>> = {
  'v3.1.5': {
    Version: 'v3.1.5+cfeed49',
    BuildDate: '2025-09-10T15:30:13Z',
    GitCommit: 'cfeed4910542c359f18537a6668d4671abd3813b',
    GitTag: 'v3.1.5',
    GitTreeState: 'clean',
    GoVersion: 'go1.24.6',
    Compiler: 'gc',
    Platform: 'linux/amd64',
    KustomizeVersion: 'v5.7.0 2025-06-28T07:00:07Z',
    HelmVersion: 'v3.18.4+gd80839c',
    KubectlVersion: 'v0.33.1',
    JsonnetVersion: 'v0.21.0',
  },
  'v2.14.21': {
    Version: 'v2.14.21+206a6ee',
    BuildDate: '2025-11-04T14:56:45Z',
    GitCommit: '206a6eeca509bbf7f239301f3d3fa498c23251a4',
    GitTag: 'v2.14.21',
    GitTreeState: 'clean',
    GoVersion: 'go1.24.6',
    Compiler: 'gc',
    Platform: 'linux/amd64',
    KustomizeVersion: 'v5.4.3',
    HelmVersion: 'v3.16.3',
    KubectlVersion: 'v0.31.0',
    JsonnetVersion: 'v0.20.0',
  },
};

/**
 * Argo CD 3.0 stopped persisting each managed resource's health in the
 * Application (`--persist-resource-health` defaults to false, see
 * `cmd/argocd-application-controller/commands/argocd_application_controller.go`):
 * the status says `resourceHealthSource: appTree`, list answers carry no
 * `status.resources[].health`, and `Get` fills it in from the resource tree
 * (`inferResourcesStatusHealth` in `server/application/application.go`).
 */
export const healthInTree = (version: ArgoCdVersion): boolean => !version.startsWith('v2.');

/** Simulated time a sync operation stays Running before it finishes. */
export const SYNC_DURATION_MS = 20_000;
/** Simulated time the app stays Progressing after a successful sync. */
export const PROGRESSING_MS = 30_000;
/** `spec.revisionHistoryLimit` default. */
export const HISTORY_LIMIT = 10;

/** Platform add-ons every cluster runs through Argo CD, in project `platform`. */
export const PLATFORM_APPS = [
  { name: 'cert-manager', namespace: 'cert-manager', version: '1.18.2' },
  { name: 'traefik', namespace: 'traefik', version: '37.0.0' },
  { name: 'longhorn', namespace: 'longhorn-system', version: '1.9.1' },
  { name: 'metallb', namespace: 'metallb-system', version: '0.15.2' },
  { name: 'dex', namespace: 'dex', version: '0.23.0' },
  { name: 'monitoring', namespace: 'monitoring', version: '77.6.0' },
];

/**
 * Production components are synced by hand (so rollback works there);
 * everything else syncs automatically. Sandbox convention.
 */
export function isAutomated(cluster: ClusterSpec, platformApp: boolean): boolean {
  return platformApp || cluster.environment !== 'production';
}

export const SYNC_FAILED_MESSAGE =
  'one or more objects failed to apply, reason: admission webhook "validate.gateway.networking.k8s.io" denied the request';
