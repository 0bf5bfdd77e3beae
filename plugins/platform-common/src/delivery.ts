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

/**
 * Where a stage of a change's delivery stands. `waiting` means an earlier
 * stage has not finished; `unknown` means the portal could not read the
 * upstream that would tell (the evidence says why).
 *
 * @public
 */
export type DeliveryStageStatus =
  | 'done'
  | 'in progress'
  | 'failed'
  | 'waiting'
  | 'unknown';

/**
 * The stages of the guide's delivery path, in order: push, CI, image in
 * Nexus, manifest bump, Argo CD sync and health, route and certificate,
 * traffic, traces.
 *
 * @public
 */
export type DeliveryStageId =
  | 'commit'
  | 'pipeline'
  | 'image'
  | 'manifest'
  | 'sync'
  | 'route'
  | 'traffic'
  | 'traces';

/** @public */
export type DeliveryStage = {
  id: DeliveryStageId;
  title: string;
  status: DeliveryStageStatus;
  /** What the portal read that gives the status, or why it could not read it. */
  evidence: string[];
  /** When the stage finished (or started, while in progress), ISO 8601. */
  at?: string;
  /** Where to look upstream. */
  link?: string;
};

/** @public */
export type DeliveryCommit = {
  sha: string;
  shortSha: string;
  title: string;
  author?: string;
  createdAt?: string;
  webUrl?: string;
};

/**
 * One commit of the default branch and its way to production: every stage,
 * where the change is now and, when it stopped, what blocks it.
 *
 * @public
 */
export type DeliveryPath = {
  commit: DeliveryCommit;
  /** Image tags that stand for this commit (short and full SHA, release tags). */
  imageTags: string[];
  stages: DeliveryStage[];
  /** The first stage that is not done; absent when the change is live. */
  current?: DeliveryStageId;
  /** One sentence: where the change is, and what blocks it when it is stuck. */
  summary: string;
  /** Set when the change is stuck: failed, or waiting on an upstream that cannot be read. */
  blockedBy?: string;
};

/**
 * `GET /delivery/:namespace/:kind/:name`: the latest commits of the
 * entity's default branch, newest first, each with its delivery path.
 *
 * @public
 */
export type EntityDeliveryResponse =
  | EntityNotConfigured
  | {
      configured: true;
      project: { path: string; defaultBranch: string; webUrl?: string };
      changes: DeliveryPath[];
      observedAt: string;
    };
