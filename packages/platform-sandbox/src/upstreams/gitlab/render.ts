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

import { createHash } from 'node:crypto';
import { fullPath, GitLabState } from './GitLabState';
import { PIPELINE_JOBS } from './seedData';
import { PipelineStatus } from './assumptions';
import {
  GitLabCommit,
  GitLabNamespace,
  GitLabPipeline,
  GitLabProject,
  GitLabRunner,
  GitLabUser,
  RepositoryFile,
} from './types';

/** Turns the state's records into GitLab's JSON shapes (snake_case, upstream field names). */
export class GitLabRenderer {
  constructor(
    private readonly state: GitLabState,
    private readonly webUrl: string,
    /** Where git clients reach the repositories: the address the request came in on. */
    private readonly gitUrl: string = webUrl,
  ) {}

  namespace(ns: GitLabNamespace) {
    return {
      id: ns.id,
      name: ns.name,
      path: ns.path,
      kind: ns.kind,
      full_path: ns.fullPath,
      parent_id: ns.parentId,
      avatar_url: null,
      web_url: ns.kind === 'user' ? `${this.webUrl}/${ns.path}` : `${this.webUrl}/groups/${ns.fullPath}`,
    };
  }

  project(p: GitLabProject) {
    const path = fullPath(p);
    return {
      id: p.id,
      description: p.description,
      name: p.name,
      name_with_namespace: `${p.namespace.name} / ${p.name}`,
      path: p.path,
      path_with_namespace: path,
      created_at: p.createdAt,
      default_branch: p.branches.size > 0 ? p.defaultBranch : null,
      tag_list: [],
      topics: [],
      ssh_url_to_repo: `git@${new URL(this.webUrl).host}:${path}.git`,
      http_url_to_repo: `${this.gitUrl}/${path}.git`,
      web_url: `${this.webUrl}/${path}`,
      readme_url: p.branches.get(p.defaultBranch)?.has('README.md')
        ? `${this.webUrl}/${path}/-/blob/${p.defaultBranch}/README.md`
        : null,
      avatar_url: null,
      forks_count: 0,
      star_count: 0,
      last_activity_at: p.lastActivityAt,
      namespace: this.namespace(p.namespace),
      visibility: p.visibility,
      archived: p.archived,
      empty_repo: p.branches.size === 0,
    };
  }

  user(u: GitLabUser, self: boolean) {
    const base = {
      id: u.id,
      username: u.username,
      name: u.name,
      state: 'active',
      locked: false,
      avatar_url: null,
      web_url: `${this.webUrl}/${u.username}`,
    };
    return self
      ? { ...base, created_at: u.createdAt, email: `${u.username}@example.internal`, is_admin: u.isAdmin, bot: false }
      : base;
  }

  pipeline(p: GitLabPipeline) {
    const project = this.state.projects.get(p.projectId);
    const updated = new Date(p.createdAt.getTime() + (p.durationSeconds + 30) * 1000);
    return {
      id: p.id,
      iid: p.iid,
      project_id: p.projectId,
      sha: p.sha,
      ref: p.ref,
      status: this.state.pipelineStatus(p),
      source: p.source,
      created_at: p.createdAt.toISOString(),
      updated_at: updated.toISOString(),
      web_url: project ? `${this.webUrl}/${fullPath(project)}/-/pipelines/${p.id}` : null,
    };
  }

  pipelineDetail(p: GitLabPipeline) {
    const status = this.state.pipelineStatus(p);
    const started = new Date(p.createdAt.getTime() + 15_000);
    const finished = new Date(started.getTime() + p.durationSeconds * 1000);
    const user = this.state.users.find(u => u.id === p.userId);
    const hasStarted = !['skipped', 'created', 'pending'].includes(status);
    const ran = hasStarted && status !== 'running';
    return {
      ...this.pipeline(p),
      before_sha: '0000000000000000000000000000000000000000',
      tag: p.tag,
      yaml_errors: null,
      user: user ? this.user(user, false) : null,
      started_at: hasStarted ? started.toISOString() : null,
      finished_at: ran ? finished.toISOString() : null,
      committed_at: null,
      duration: ran ? p.durationSeconds : null,
      queued_duration: ran ? 15 : null,
      coverage: status === 'success' ? '84.20' : null,
      detailed_status: {
        icon: `status_${status}`,
        text: status,
        label: status === 'success' ? 'passed' : status,
        group: status,
        tooltip: status === 'success' ? 'passed' : status,
        has_details: true,
        details_path: `/${this.projectPath(p)}/-/pipelines/${p.id}`,
      },
    };
  }

  /** Jobs follow the pipeline: a failed pipeline failed at its test job, later stages skipped. */
  jobs(p: GitLabPipeline) {
    const status = this.state.pipelineStatus(p);
    const runner = this.state.runners[0];
    let at = p.createdAt.getTime() + 15_000;
    const slice = Math.floor(p.durationSeconds / PIPELINE_JOBS.length);
    return PIPELINE_JOBS.map((job, index) => {
      const jobStatus = jobStatusFor(status, index);
      const ran = ['success', 'failed', 'canceled'].includes(jobStatus);
      const started = at;
      at += slice * 1000;
      return {
        id: p.id * 10 + index,
        name: job.name,
        stage: job.stage,
        status: jobStatus,
        ref: p.ref,
        tag: p.tag,
        coverage: null,
        allow_failure: false,
        created_at: p.createdAt.toISOString(),
        started_at: ran ? new Date(started).toISOString() : null,
        finished_at: ran ? new Date(started + slice * 1000).toISOString() : null,
        duration: ran ? slice : null,
        queued_duration: ran ? 3 : null,
        failure_reason: jobStatus === 'failed' ? 'script_failure' : undefined,
        web_url: `${this.webUrl}/${this.projectPath(p)}/-/jobs/${p.id * 10 + index}`,
        user: null,
        commit: { id: p.sha, short_id: p.sha.slice(0, 8) },
        pipeline: { id: p.id, project_id: p.projectId, ref: p.ref, sha: p.sha, status },
        runner: ran && runner ? this.runner(runner) : null,
        artifacts: [],
      };
    });
  }

  runner(r: GitLabRunner) {
    const status = this.state.runnerStatus(r);
    return {
      id: r.id,
      description: r.description,
      name: 'gitlab-runner',
      runner_type: r.runnerType,
      is_shared: r.runnerType === 'instance_type',
      paused: r.paused,
      active: !r.paused,
      online: status === 'online',
      status,
      ip_address: r.ipAddress,
    };
  }

  runnerDetail(r: GitLabRunner) {
    return {
      ...this.runner(r),
      tag_list: r.tagList,
      run_untagged: r.tagList.length === 0,
      locked: false,
      access_level: 'not_protected',
      maximum_timeout: null,
      contacted_at: this.state.runnerContactedAt(r),
      maintenance_note: null,
      version: r.version,
      revision: 'b1e4c7a2',
      platform: 'linux',
      architecture: 'amd64',
      projects: [],
      groups: r.groupIds
        .map(id => this.state.namespaces.find(n => n.id === id))
        .filter(Boolean)
        .map(n => ({ id: n!.id, name: n!.name, web_url: this.namespace(n!).web_url })),
    };
  }

  commit(project: GitLabProject, c: GitLabCommit) {
    return {
      id: c.id,
      short_id: c.shortId,
      title: c.title,
      message: c.message,
      author_name: c.authorName,
      author_email: c.authorEmail,
      authored_date: c.createdAt,
      committer_name: c.authorName,
      committer_email: c.authorEmail,
      committed_date: c.createdAt,
      created_at: c.createdAt,
      parent_ids: c.parentIds,
      web_url: `${this.webUrl}/${fullPath(project)}/-/commit/${c.id}`,
    };
  }

  file(path: string, ref: string, file: RepositoryFile, commitId: string) {
    const buffer = file.content;
    return {
      file_name: path.split('/').pop(),
      file_path: path,
      size: buffer.length,
      encoding: 'base64',
      content: buffer.toString('base64'),
      content_sha256: createHash('sha256').update(buffer).digest('hex'),
      ref,
      blob_id: file.blobId,
      commit_id: commitId,
      last_commit_id: file.lastCommitId,
      execute_filemode: file.mode === '100755',
    };
  }

  private projectPath(p: GitLabPipeline): string {
    const project = this.state.projects.get(p.projectId);
    return project ? fullPath(project) : String(p.projectId);
  }
}

function jobStatusFor(pipeline: PipelineStatus, index: number): string {
  switch (pipeline) {
    case 'failed':
      return ['success', 'failed'][index] ?? 'skipped';
    case 'canceled':
      return index < 2 ? 'success' : 'canceled';
    case 'running':
      return ['success', 'running'][index] ?? 'created';
    case 'success':
    case 'skipped':
    case 'pending':
    case 'created':
    case 'manual':
      return pipeline;
    default:
      return 'created';
  }
}
