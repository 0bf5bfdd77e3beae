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

import { UpstreamContext } from '../types';
import { developerToken, PipelineStatus, readApiToken, STALE_RUNNER_TARGET } from './assumptions';
import { GitRepositories } from './git/GitRepositories';
import { clusterRunner, PLATFORM_PROJECTS, seedPipelines, seedRunners } from './seedData';
import { layerInstalled } from '../../fleet/buildOutStages';
import {
  GitLabCommit,
  GitLabNamespace,
  GitLabPipeline,
  GitLabProject,
  GitLabRunner,
  GitLabUser,
  RepositoryFile,
  Visibility,
} from './types';

export type RunnerStatus = 'online' | 'offline' | 'stale' | 'never_contacted';

/** Who is asking: a user, or nobody (anonymous reads of public projects). */
export type Viewer = GitLabUser | undefined;

/** Author of the seeded example repositories' first commits. */
export const SANDBOX_AUTHOR = { name: 'Sandbox Admin', email: 'sandbox-admin@example.internal' };

const FAILING_PIPELINES = 3;
const RELEASE_PIPELINE_AGE_MS = 14 * 86400_000 + 40 * 60_000;
/** Simulated seconds a pipeline started by a commit waits for a runner, and runs in all. */
const LIVE_PENDING_SECONDS = 30;
const LIVE_PIPELINE_SECONDS = 120;

/**
 * The GitLab instance's data: users, groups, projects with their repositories,
 * pipelines and runners. Pipeline and runner statuses are derived from the
 * fleet's faults at read time, so injecting a fault changes the next answer.
 */
export class GitLabState {
  readonly users: GitLabUser[];
  readonly namespaces: GitLabNamespace[] = [];
  readonly projects = new Map<number, GitLabProject>();
  readonly pipelines = new Map<number, GitLabPipeline[]>();
  private readonly registeredRunners: GitLabRunner[];
  readonly repositories = new GitRepositories();
  private nextProjectId = 100;
  private nextNamespaceId = 10;

  constructor(private readonly ctx: UpstreamContext) {
    const created = new Date(ctx.clock.now().getTime() - 400 * 86400_000).toISOString();
    this.users = [
      { id: 1, username: 'sandbox-admin', name: 'Sandbox Admin', isAdmin: true, token: ctx.credentials.gitlabToken, createdAt: created },
      { id: 2, username: 'developer', name: 'Dev Eloper', isAdmin: false, token: developerToken(ctx.credentials.gitlabToken), createdAt: created },
    ];
    for (const user of this.users) {
      this.namespaces.push({ id: user.id, name: user.name, path: user.username, kind: 'user', fullPath: user.username, parentId: null });
    }
    const anchor = ctx.clock.now();
    for (const component of ctx.fleet.components) {
      const [groupPath, ...rest] = component.gitlabProject.split('/');
      const project = this.addProject({
        name: rest.join('/') || component.name,
        path: rest.join('/') || component.name,
        namespace: this.groupFor(groupPath),
        description: `${component.name}, owned by ${component.team}`,
        visibility: 'internal',
        createdAt: created,
        component: component.name,
        files: {
          'README.md': `# ${component.name}\n`,
          '.gitlab-ci.yml': 'stages: [build, test, scan, publish, deploy]\n',
          'catalog-info.yaml': `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${component.name}\nspec:\n  type: service\n  owner: ${component.team}\n  lifecycle: production\n`,
        },
      });
      this.pipelines.set(project.id, seedPipelines(project.id, component.gitlabProject, component.versions, anchor, 1));
      this.releaseHeadCommit(project, component.versions[component.versions.length - 1]);
    }
    for (const spec of PLATFORM_PROJECTS) {
      const project = this.addProject({
        name: spec.path,
        path: spec.path,
        namespace: this.groupFor('platform'),
        description: spec.description,
        visibility: spec.visibility,
        createdAt: created,
        files: { 'README.md': `# ${spec.path}\n` },
      });
      this.pipelines.set(project.id, seedPipelines(project.id, `platform/${spec.path}`, [], anchor, 1));
    }
    const groups = new Map(
      this.namespaces.filter(n => n.kind === 'group').map(n => [n.fullPath, n.id]),
    );
    this.registeredRunners = seedRunners(ctx.fleet, groups);
  }

  /** Every registered runner, with those of clusters whose GitLab Runner was installed since. */
  get runners(): GitLabRunner[] {
    const now = this.ctx.clock.now();
    for (const cluster of this.ctx.fleet.clusters) {
      const registered = this.registeredRunners.some(r => r.runnerType === 'instance_type' && r.cluster === cluster.name);
      if (!registered && layerInstalled(cluster, 'cicd', now)) {
        this.registeredRunners.push(clusterRunner(cluster.name, Math.max(0, ...this.registeredRunners.map(r => r.id)) + 1));
      }
    }
    return this.registeredRunners;
  }

  /**
   * The head commit of an example project is its newest release: the newest
   * pipeline (a push to the default branch) and the one before it (the
   * release tag `v<version>`) ran for it, so a commit leads to the image its
   * pipeline published, the one Nexus holds and Argo CD deploys.
   */
  private releaseHeadCommit(project: GitLabProject, version: string | undefined): void {
    const head = project.commits.get(project.defaultBranch)?.[0];
    const pipelines = this.pipelines.get(project.id) ?? [];
    const [push, tag] = [...pipelines].sort((a, b) => b.iid - a.iid);
    if (!head || !push) return;
    push.sha = head.id;
    // Before Nexus received the image (two weeks ago) and Argo CD deployed it (one).
    push.createdAt = new Date(this.ctx.clock.now().getTime() - RELEASE_PIPELINE_AGE_MS);
    if (tag && version) {
      Object.assign(tag, { sha: head.id, ref: `v${version}`, tag: true, source: 'push', baseStatus: 'success' });
      tag.createdAt = push.createdAt;
    }
  }

  userByToken(token: string | undefined): GitLabUser | undefined {
    if (token === undefined) return undefined;
    return this.users.find(u => u.token === token) ?? (this.isReadOnlyToken(token) ? this.users[0] : undefined);
  }

  /** Tokens with scope `read_api` may only read. */
  isReadOnlyToken(token: string | undefined): boolean {
    return token === readApiToken(this.ctx.credentials.gitlabToken);
  }

  /** Private projects are visible to admins only; public ones to everyone. */
  canSee(viewer: Viewer, project: GitLabProject): boolean {
    if (project.visibility === 'public') return true;
    if (!viewer) return false;
    return viewer.isAdmin || project.visibility === 'internal';
  }

  visibleProjects(viewer: Viewer): GitLabProject[] {
    return [...this.projects.values()].filter(p => this.canSee(viewer, p));
  }

  /** Finds a project by numeric id or full path, as `/projects/:id` accepts both. */
  findProject(idOrPath: string, viewer: Viewer): GitLabProject | undefined {
    const project = /^\d+$/.test(idOrPath)
      ? this.projects.get(Number(idOrPath))
      : [...this.projects.values()].find(p => fullPath(p) === idOrPath);
    return project && this.canSee(viewer, project) ? project : undefined;
  }

  findNamespace(idOrPath: string): GitLabNamespace | undefined {
    return /^\d+$/.test(idOrPath)
      ? this.namespaces.find(n => n.id === Number(idOrPath))
      : this.namespaces.find(n => n.fullPath === idOrPath);
  }

  addProject(input: {
    name: string;
    path: string;
    namespace: GitLabNamespace;
    description: string | null;
    visibility: Visibility;
    createdAt?: string;
    component?: string;
    defaultBranch?: string;
    files?: Record<string, string>;
  }): GitLabProject {
    const createdAt = input.createdAt ?? this.ctx.clock.now().toISOString();
    const defaultBranch = input.defaultBranch ?? 'main';
    const project: GitLabProject = {
      id: this.nextProjectId++,
      name: input.name,
      path: input.path,
      description: input.description,
      namespace: input.namespace,
      visibility: input.visibility,
      defaultBranch,
      createdAt,
      lastActivityAt: createdAt,
      archived: false,
      branches: new Map(),
      commits: new Map(),
      component: input.component,
    };
    this.repositories.create(project.id, defaultBranch);
    if (input.files) {
      const files = new Map<string, RepositoryFile>();
      for (const [path, text] of Object.entries(input.files)) {
        const content = Buffer.from(text, 'utf8');
        files.set(path, { content, blobId: this.repositories.writeBlob(project.id, content), mode: '100644', lastCommitId: '' });
      }
      const commit = this.writeCommit(project, files, 'Initial commit', [], SANDBOX_AUTHOR, createdAt);
      for (const file of files.values()) file.lastCommitId = commit.id;
      this.repositories.setBranchUnchecked(project.id, defaultBranch, commit.id);
      project.branches.set(defaultBranch, files);
      project.commits.set(defaultBranch, [commit]);
    }
    this.projects.set(project.id, project);
    this.pipelines.set(project.id, this.pipelines.get(project.id) ?? []);
    return project;
  }

  /** Writes `files` as a commit into the project's repository; moves no branch. */
  writeCommit(
    project: GitLabProject,
    files: Map<string, RepositoryFile>,
    message: string,
    parentIds: string[],
    author: { name: string; email: string },
    createdAt?: string,
  ): GitLabCommit {
    const at = createdAt ?? this.ctx.clock.now().toISOString();
    const tree = new Map([...files].map(([path, f]) => [path, { mode: f.mode, blobId: f.blobId }]));
    const id = this.repositories.writeCommit(project.id, tree, parentIds, { ...author, at }, message);
    const normalised = message.endsWith('\n') ? message : `${message}\n`;
    return {
      id,
      shortId: id.slice(0, 8),
      title: message.split('\n')[0],
      message: normalised,
      authorName: author.name,
      authorEmail: author.email,
      createdAt: new Date(Math.floor(new Date(at).getTime() / 1000) * 1000).toISOString(),
      parentIds,
    };
  }

  /**
   * Reads the project's branches back from its repository after a push,
   * like GitLab's post-receive: the first branch pushed to an empty project
   * becomes its default, and a new head with a CI file starts a pipeline.
   */
  async refreshFromRepository(project: GitLabProject, pusherId: number): Promise<void> {
    const before = new Map([...project.commits].map(([branch, commits]) => [branch, commits[0]?.id]));
    const content = await this.repositories.read(project.id);
    project.branches = content.branches;
    project.commits = content.commits;
    if (!project.branches.has(project.defaultBranch) && project.branches.size > 0) {
      project.defaultBranch = project.branches.keys().next().value!;
      this.repositories.setHead(project.id, project.defaultBranch);
    }
    for (const [branch, commits] of project.commits) {
      const head = commits[0];
      if (!head || before.get(branch) === head.id) continue;
      project.lastActivityAt = this.ctx.clock.now().toISOString();
      if (project.branches.get(branch)?.has('.gitlab-ci.yml')) {
        this.startPipeline(project, branch, head.id, pusherId);
      }
    }
  }

  /** A push to a branch with a CI file starts a pipeline: pending, running, then done. */
  startPipeline(project: GitLabProject, ref: string, sha: string, userId: number): GitLabPipeline {
    const existing = this.pipelines.get(project.id) ?? [];
    const iid = existing.reduce((max, p) => Math.max(max, p.iid), 0) + 1;
    const pipeline: GitLabPipeline = {
      id: project.id * 1000 + iid,
      iid,
      projectId: project.id,
      sha,
      ref,
      tag: false,
      source: 'push',
      createdAt: this.ctx.clock.now(),
      baseStatus: 'success',
      durationSeconds: LIVE_PIPELINE_SECONDS,
      userId,
      live: true,
    };
    this.pipelines.set(project.id, [...existing, pipeline]);
    return pipeline;
  }

  pipelineStatus(pipeline: GitLabPipeline): PipelineStatus {
    if (pipeline.live) {
      const elapsed = (this.ctx.clock.now().getTime() - pipeline.createdAt.getTime()) / 1000;
      if (elapsed < LIVE_PENDING_SECONDS) return 'pending';
      if (elapsed < pipeline.durationSeconds) return 'running';
    }
    const project = this.projects.get(pipeline.projectId);
    if (!project || pipeline.ref !== project.defaultBranch || !this.isPipelineFaulted(project)) {
      return pipeline.baseStatus;
    }
    const onDefault = (this.pipelines.get(project.id) ?? [])
      .filter(p => p.ref === project.defaultBranch)
      .sort((a, b) => b.id - a.id)
      .slice(0, FAILING_PIPELINES);
    return onDefault.some(p => p.id === pipeline.id) ? 'failed' : pipeline.baseStatus;
  }

  /** `pipeline-failing` names a component or project; without a target it hits every component on that cluster. */
  private isPipelineFaulted(project: GitLabProject): boolean {
    return this.ctx.fleet.clusters.some(cluster =>
      this.ctx.control.faults(cluster.name).some(fault => {
        if (fault.id !== 'pipeline-failing') return false;
        if (fault.target) {
          return fault.target === project.component || fault.target === fullPath(project);
        }
        const component = this.ctx.fleet.components.find(c => c.name === project.component);
        return Boolean(component && component.deployments[cluster.name]);
      }),
    );
  }

  runnerStatus(runner: GitLabRunner): RunnerStatus {
    const fault = this.ctx.control.hasFault(runner.cluster, 'gitlab-runner-offline');
    if (!fault) return 'online';
    return fault.target === STALE_RUNNER_TARGET ? 'stale' : 'offline';
  }

  runnerContactedAt(runner: GitLabRunner): string {
    const now = this.ctx.clock.now().getTime();
    const ageMs = { online: 20_000, offline: 2 * 3600_000, stale: 100 * 86400_000, never_contacted: 0 }[
      this.runnerStatus(runner)
    ];
    return new Date(now - ageMs).toISOString();
  }

  private groupFor(path: string): GitLabNamespace {
    const existing = this.namespaces.find(n => n.kind === 'group' && n.fullPath === path);
    if (existing) return existing;
    const group: GitLabNamespace = {
      id: this.nextNamespaceId++,
      name: path,
      path,
      kind: 'group',
      fullPath: path,
      parentId: null,
    };
    this.namespaces.push(group);
    return group;
  }
}

export function fullPath(project: GitLabProject): string {
  return `${project.namespace.fullPath}/${project.path}`;
}
