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

import { Observed, UpstreamHttpClient } from '../http/UpstreamHttpClient';

export interface GitLabRunner {
  id: number;
  description?: string;
  runner_type?: string;
  paused?: boolean;
  status: 'online' | 'offline' | 'stale' | 'never_contacted' | string;
  tag_list?: string[] | null;
}

export interface GitLabProject {
  id: number;
  path: string;
  path_with_namespace: string;
  default_branch?: string | null;
  web_url?: string;
}

export interface GitLabPipeline {
  id: number;
  status: string;
  ref: string;
  sha?: string;
  source?: string;
  created_at?: string;
  web_url?: string;
}

export interface GitLabPipelineDetail extends GitLabPipeline {
  started_at?: string | null;
  finished_at?: string | null;
  duration?: number | null;
}

export interface GitLabJob {
  id: number;
  name: string;
  stage: string;
  status: string;
}

export interface GitLabCommit {
  id: string;
  short_id?: string;
  title: string;
  author_name?: string;
  created_at?: string;
  web_url?: string;
}

export interface GitLabMergeRequest {
  iid: number;
  title: string;
  state: string;
  source_branch: string;
  web_url?: string;
}

const MAX_PAGES = 50;

/** GitLab REST v4 reads for the CI/CD layer (admin token: all runners). */
export class GitLabClient {
  constructor(private readonly http: UpstreamHttpClient) {}

  /** Every runner of the instance, following `page`/`per_page` paging. */
  async runners(signal?: AbortSignal): Promise<Observed<GitLabRunner[]>> {
    const runners: GitLabRunner[] = [];
    let observedAt = new Date().toISOString();
    for (let page = 1; page <= MAX_PAGES; page++) {
      const result = await this.http.getJson<GitLabRunner[]>(
        '/api/v4/runners/all',
        { per_page: '100', page: String(page) },
        signal,
      );
      observedAt = result.observedAt;
      runners.push(...result.data);
      if (result.data.length < 100) {
        break;
      }
    }
    return { data: runners, status: 200, observedAt };
  }

  /** Projects whose path is exactly `path` (GitLab's search also matches partly). */
  async projectsWithPath(
    path: string,
    signal?: AbortSignal,
  ): Promise<GitLabProject[]> {
    const result = await this.http.getJson<GitLabProject[]>(
      '/api/v4/projects',
      { search: path, per_page: '100' },
      signal,
    );
    return result.data.filter(p => p.path === path);
  }

  /** A project by its full path (`group/project`); 404 when absent or hidden. */
  async projectByPath(
    path: string,
    signal?: AbortSignal,
  ): Promise<GitLabProject> {
    const result = await this.http.getJson<GitLabProject>(
      `/api/v4/projects/${encodeURIComponent(path)}`,
      undefined,
      signal,
    );
    return result.data;
  }

  /** One pipeline with its timings (`duration` is only on the detail). */
  async pipeline(
    projectId: number,
    pipelineId: number,
    signal?: AbortSignal,
  ): Promise<GitLabPipelineDetail> {
    const result = await this.http.getJson<GitLabPipelineDetail>(
      `/api/v4/projects/${projectId}/pipelines/${pipelineId}`,
      undefined,
      signal,
    );
    return result.data;
  }

  /** A pipeline's jobs, every page (a pipeline rarely has more than 100). */
  async pipelineJobs(
    projectId: number,
    pipelineId: number,
    signal?: AbortSignal,
  ): Promise<GitLabJob[]> {
    const jobs: GitLabJob[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const result = await this.http.getJson<GitLabJob[]>(
        `/api/v4/projects/${projectId}/pipelines/${pipelineId}/jobs`,
        { per_page: '100', page: String(page) },
        signal,
      );
      jobs.push(...result.data);
      if (result.data.length < 100) {
        break;
      }
    }
    return jobs;
  }

  /** Open merge requests, newest first. */
  async openMergeRequests(
    projectId: number,
    count: number,
    signal?: AbortSignal,
  ): Promise<GitLabMergeRequest[]> {
    const result = await this.http.getJson<GitLabMergeRequest[]>(
      `/api/v4/projects/${projectId}/merge_requests`,
      {
        state: 'opened',
        order_by: 'created_at',
        sort: 'desc',
        per_page: String(count),
      },
      signal,
    );
    return result.data;
  }

  /** A merge request's pipelines, newest first. */
  async mergeRequestPipelines(
    projectId: number,
    iid: number,
    count: number,
    signal?: AbortSignal,
  ): Promise<GitLabPipeline[]> {
    const result = await this.http.getJson<GitLabPipeline[]>(
      `/api/v4/projects/${projectId}/merge_requests/${iid}/pipelines`,
      { per_page: String(count) },
      signal,
    );
    return result.data;
  }

  /** The newest commits of a branch, newest first. */
  async commits(
    projectId: number,
    ref: string,
    count: number,
    signal?: AbortSignal,
  ): Promise<GitLabCommit[]> {
    const result = await this.http.getJson<GitLabCommit[]>(
      `/api/v4/projects/${projectId}/repository/commits`,
      { ref_name: ref, per_page: String(count) },
      signal,
    );
    return result.data;
  }

  /** The pipelines that ran for one commit, newest first; `tags`: only those of tags (the list does not say which are). */
  async pipelinesForSha(
    projectId: number,
    sha: string,
    scope?: 'tags',
    signal?: AbortSignal,
  ): Promise<GitLabPipeline[]> {
    const result = await this.http.getJson<GitLabPipeline[]>(
      `/api/v4/projects/${projectId}/pipelines`,
      {
        sha,
        per_page: '20',
        order_by: 'id',
        sort: 'desc',
        ...(scope ? { scope } : {}),
      },
      signal,
    );
    return result.data;
  }

  /** The newest pipelines of a branch, newest first. */
  async pipelines(
    projectId: number,
    ref: string,
    count: number,
    signal?: AbortSignal,
  ): Promise<Observed<GitLabPipeline[]>> {
    return this.http.getJson<GitLabPipeline[]>(
      `/api/v4/projects/${projectId}/pipelines`,
      { ref, per_page: String(count), order_by: 'id', sort: 'desc' },
      signal,
    );
  }
}
