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

import type * as Api from './schema/openapi/generated/models';

/**
 * The guide's sizing table (section 1, "Hardware Requirements").
 *
 * @public
 */
export const SIZING_GUIDE = {
  controlPlane: {
    minimum: { nodes: 1, cpu: 2, memoryGiB: 4, diskGiB: 100 },
    production: { nodes: 3, cpu: 4, memoryGiB: 16, diskGiB: 200 },
  },
  worker: {
    minimum: { nodes: 1, cpu: 4, memoryGiB: 8, diskGiB: 100, rawDiskGiB: 500 },
    production: {
      nodes: 3,
      cpu: 16,
      memoryGiB: 64,
      diskGiB: 200,
      rawDiskGiB: 2048,
    },
  },
  loadBalancer: {
    minimum: { nodes: 1, cpu: 2, memoryGiB: 4 },
    production: { nodes: 2, cpu: 4, memoryGiB: 8 },
  },
  podsPerNode: 110,
  observability: {
    mimirGiBPerMillionSeries: 2,
    ruleOfThumb: { nodes: 50, pods: 1000, memoryGiB: 32, cpu: 8 },
  },
} as const;

/** @public */
export type SizingSeverity = Api.SizingSeverity;

/** @public */
export type SizingFinding = Api.SizingFinding;

/** @public */
export type SizingNode = Api.SizingNode;

/** GET /api/platform/sizing/:cluster @public */
export type SizingResponse = Api.Sizing;
