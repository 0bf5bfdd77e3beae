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

import { PipelineStatus } from './assumptions';

export interface GitLabUser {
  id: number;
  username: string;
  name: string;
  isAdmin: boolean;
  token: string;
  createdAt: string;
}

export interface GitLabNamespace {
  id: number;
  name: string;
  path: string;
  kind: 'group' | 'user';
  fullPath: string;
  parentId: number | null;
}

export type Visibility = 'private' | 'internal' | 'public';

export interface RepositoryFile {
  content: Buffer;
  /** Git blob id of the content. */
  blobId: string;
  /** Git file mode, e.g. `100644`. */
  mode: string;
  lastCommitId: string;
}

export interface GitLabCommit {
  id: string;
  shortId: string;
  title: string;
  message: string;
  authorName: string;
  authorEmail: string;
  createdAt: string;
  parentIds: string[];
}

export interface GitLabProject {
  id: number;
  name: string;
  path: string;
  description: string | null;
  namespace: GitLabNamespace;
  visibility: Visibility;
  defaultBranch: string;
  createdAt: string;
  lastActivityAt: string;
  archived: boolean;
  /** Branch name → file path → file. */
  branches: Map<string, Map<string, RepositoryFile>>;
  /** Branch name → commits, newest first. */
  commits: Map<string, GitLabCommit[]>;
  /** Catalog component this project builds, if any. */
  component?: string;
}

export interface GitLabPipeline {
  id: number;
  iid: number;
  projectId: number;
  sha: string;
  ref: string;
  tag: boolean;
  source: string;
  createdAt: Date;
  /** Status before faults are applied. */
  baseStatus: PipelineStatus;
  durationSeconds: number;
  userId: number;
  /** Started by a commit in the sandbox: its status moves on simulated time. */
  live?: boolean;
}

export interface GitLabRunner {
  id: number;
  description: string;
  runnerType: 'instance_type' | 'group_type' | 'project_type';
  paused: boolean;
  tagList: string[];
  ipAddress: string;
  version: string;
  /** Cluster the runner's pods run on; its faults decide whether it is online. */
  cluster: string;
  groupIds: number[];
}
