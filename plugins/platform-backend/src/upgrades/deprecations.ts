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

import data from './data/deprecatedApis.json';
import compatibility from './data/addonCompatibility.json';
import { KubeVersion } from './versions';

/** One row of the Deprecated API Migration Guide: a version a release stopped serving. */
export interface ApiRemoval {
  removedIn: string;
  group: string;
  version: string;
  kind: string;
  resource: string;
  namespaced: boolean;
  replacement: string;
  anchor: string;
}

export const DEPRECATION_SOURCE = data.source;
export const API_REMOVALS: readonly ApiRemoval[] = data.removals;

export function apiVersionOf(
  removal: Pick<ApiRemoval, 'group' | 'version'>,
): string {
  return removal.group
    ? `${removal.group}/${removal.version}`
    : removal.version;
}

/** The removals an upgrade from `current` to `target` crosses. */
export function removalsBetween(
  current: KubeVersion,
  target: KubeVersion,
): ApiRemoval[] {
  return API_REMOVALS.filter(removal => {
    const minor = Number(removal.removedIn.split('.')[1]);
    return minor > current.minor && minor <= target.minor;
  });
}

export interface AddonRelease {
  line: string;
  minKubernetes?: string;
  maxKubernetes?: string;
  source: string;
}

export interface AddonCompatibility {
  id: string;
  name: string;
  workloads: Array<{ namespace: string; kind: string; name: string }>;
  policy: string;
  beyondRange: 'unsupported' | 'untested';
  releases: AddonRelease[];
}

export const ADDONS: readonly AddonCompatibility[] =
  compatibility.addons as AddonCompatibility[];
