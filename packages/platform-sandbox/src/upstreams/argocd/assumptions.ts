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

/**
 * Argo CD behaviour the contract leaves open or marks unconfirmed, and the
 * sandbox's own conventions, in one place.
 */

export const ARGOCD_VERSION = {
  Version: 'v3.1.5+cfeed49',
  BuildDate: '2026-07-30T14:02:11Z',
  GitCommit: 'cfeed4910542c359f18537a6668d4671abd3e7c6',
  GitTag: 'v3.1.5',
  GitTreeState: 'clean',
  GoVersion: 'go1.24.6',
  Compiler: 'gc',
  Platform: 'linux/amd64',
  KustomizeVersion: 'v5.7.0 2025-06-28T07:00:07Z',
  HelmVersion: 'v3.18.4+gd80839c',
  KubectlVersion: 'v0.33.1',
  JsonnetVersion: 'v0.21.0',
};

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
