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

import { EntityNotConfigured } from './entity';

/** One version of an image or chart, with the clusters running it. @public */
export type NexusArtifactVersion = {
  version: string;
  repository: string;
  /** Sum of the version's asset sizes, in bytes. */
  sizeBytes?: number;
  lastModified?: string;
  /** Clusters whose workloads of this entity run this version. */
  clusters: string[];
};

/** A Docker image or Helm chart of an entity, newest version first. @public */
export type NexusArtifact = {
  format: 'docker' | 'helm';
  name: string;
  versions: NexusArtifactVersion[];
};

/** A cluster whose running versions could not be read. @public */
export type ClusterReadError = {
  cluster: string;
  message: string;
};

/** GET /api/platform/entity/:namespace/:kind/:name/nexus @public */
export type EntityNexusResponse =
  | EntityNotConfigured
  | {
      configured: true;
      artifacts: NexusArtifact[];
      /** Clusters that could not be asked which versions they run. */
      clusterErrors: ClusterReadError[];
      /**
       * Component versions found but left out: their repository path belongs
       * to another team than the entity's owner (by the platform's ownership
       * config), or the viewer may not read them.
       */
      hiddenVersions: number;
      observedAt: string;
    };
