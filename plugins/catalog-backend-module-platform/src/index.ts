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
 * Catalog backend module for the platform's Kubernetes clusters.
 *
 * @packageDocumentation
 */

export { catalogModulePlatformClusters as default } from './module/catalogModulePlatformClusters';
export { catalogModulePlatformLocationTrust } from './module/catalogModulePlatformLocationTrust';
export { PlatformLocationTrustProcessor } from './processors/PlatformLocationTrustProcessor';
export { PlatformClusterEntityProvider } from './providers/PlatformClusterEntityProvider';
export { CLUSTER_ENTITY_TYPE, CLUSTER_OWNER } from './lib/clusterEntity';
export type { ClusterLinkTargets } from './lib/clusterEntity';
export type { PassSummary } from './providers/PlatformClusterEntityProvider';
export type { IngestionOptions } from './providers/ingestionConfig';
