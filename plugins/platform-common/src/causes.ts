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

/**
 * What a cause is: a node that is not Ready, or a Kubernetes API the portal
 * cannot reach.
 *
 * @public
 */
export type HealthCauseKind = Api.HealthCauseKind;

/**
 * A finding explained by a cause: a failing check whose evidence names the
 * cause's object, or (for an unreachable API) a layer whose verdict is the
 * last known one. The finding keeps its own verdict.
 *
 * @public
 */
export type HealthConsequence = Api.HealthConsequence;

/**
 * One cause with the findings it explains, so that one NotReady node reads
 * as one problem rather than one per layer.
 *
 * @public
 */
export type HealthCause = Api.HealthCause;
