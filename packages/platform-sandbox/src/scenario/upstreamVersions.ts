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

import { ClusterSpec } from './types';

/**
 * Which release of a versioned upstream each cluster runs. Upstreams whose
 * answers differ between supported releases (fields, defaults) are served in
 * the release chosen here, so the portal meets every one of them.
 */
export const ARGOCD_VERSIONS = ['v2.14.21', 'v3.1.5'] as const;
export type ArgoCdVersion = (typeof ARGOCD_VERSIONS)[number];

/** The newest supported release, run by every cluster not listed below. */
export const DEFAULT_ARGOCD_VERSION: ArgoCdVersion = 'v3.1.5';

/** Demo clusters still on the previous Argo CD minor (on-premises and edge upgrade last). */
const ARGOCD_BY_CLUSTER: Record<string, ArgoCdVersion> = {
  'onprem-kubeadm-1': 'v2.14.21',
  'edge-rke2-1': 'v2.14.21',
};

export function argocdVersionOf(cluster: Pick<ClusterSpec, 'name'>): ArgoCdVersion {
  return ARGOCD_BY_CLUSTER[cluster.name] ?? DEFAULT_ARGOCD_VERSION;
}
