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
import { EntityAnswer } from './entity';

/** One version of an image or chart, with the clusters running it. @public */
export type NexusArtifactVersion = Api.NexusArtifactVersion;

/** A Docker image or Helm chart of an entity, newest version first. @public */
export type NexusArtifact = Api.NexusArtifact;

/** A cluster that could not be read, and why. @public */
export type ClusterReadError = Api.ClusterReadError;

/** GET /api/platform/entity/:namespace/:kind/:name/nexus @public */
export type EntityNexusResponse = EntityAnswer<Api.EntityNexusResponse>;
