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

/**
 * Where a stage of a change's delivery stands. `waiting` means an earlier
 * stage has not finished; `unknown` means the portal could not read the
 * upstream that would tell (the evidence says why).
 *
 * @public
 */
export type DeliveryStageStatus = Api.DeliveryStageStatus;

/**
 * The stages of the guide's delivery path, in order: push, CI, image in
 * Nexus, manifest bump, Argo CD sync and health, route and certificate,
 * traffic, traces.
 *
 * @public
 */
export type DeliveryStageId = Api.DeliveryStageId;

/** @public */
export type DeliveryStage = Api.DeliveryStage;

/** @public */
export type DeliveryCommit = Api.DeliveryCommit;

/**
 * One commit of the default branch and its way to production: every stage,
 * where the change is now and, when it stopped, what blocks it.
 *
 * @public
 */
export type DeliveryPath = Api.DeliveryPath;

/**
 * `GET /delivery/:namespace/:kind/:name`: the latest commits of the
 * entity's default branch, newest first, each with its delivery path.
 *
 * @public
 */
export type EntityDeliveryResponse = EntityAnswer<Api.EntityDeliveryResponse>;
