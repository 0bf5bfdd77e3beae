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

/** A stage of a pipeline: its jobs' combined status. @public */
export type PipelineStage = Api.PipelineStage;

/** One pipeline as the GitLab card shows it. @public */
export type PipelineSummary = Api.PipelineSummary;

/** An open merge request with its latest pipeline. @public */
export type MergeRequestPipelines = Api.MergeRequestPipelines;

/** GET /api/platform/entity/:namespace/:kind/:name/gitlab @public */
export type EntityGitLabResponse = EntityAnswer<Api.EntityGitLabResponse>;
