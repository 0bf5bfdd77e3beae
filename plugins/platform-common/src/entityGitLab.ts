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

/** A stage of a pipeline: its jobs' combined status. @public */
export type PipelineStage = {
  name: string;
  /** The stage's status as GitLab's jobs report it (`success`, `failed`, `running`...). */
  status: string;
  jobs: number;
};

/** One pipeline as the GitLab card shows it. @public */
export type PipelineSummary = {
  id: number;
  ref: string;
  /** GitLab's status, upstream casing (`success`, `failed`, `running`...). */
  status: string;
  source?: string;
  sha?: string;
  createdAt?: string;
  durationSeconds?: number;
  webUrl?: string;
  stages: PipelineStage[];
};

/** An open merge request with its latest pipeline. @public */
export type MergeRequestPipelines = {
  iid: number;
  title: string;
  sourceBranch: string;
  webUrl?: string;
  pipeline?: PipelineSummary;
};

/** GET /api/platform/entity/:namespace/:kind/:name/gitlab @public */
export type EntityGitLabResponse =
  | EntityNotConfigured
  | {
      configured: true;
      project: { path: string; webUrl?: string; defaultBranch: string };
      /** Latest pipelines of the default branch, newest first. */
      defaultBranch: PipelineSummary[];
      mergeRequests: MergeRequestPipelines[];
      observedAt: string;
    };
