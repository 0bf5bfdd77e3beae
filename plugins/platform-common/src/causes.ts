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

import { HealthEvidence, HealthVerdict } from './health';
import { LayerId } from './layers';

/**
 * What a cause is: a node that is not Ready, or a Kubernetes API the portal
 * cannot reach.
 *
 * @public
 */
export type HealthCauseKind = 'node-not-ready' | 'api-unreachable';

/**
 * A finding explained by a cause: a failing check whose evidence names the
 * cause's object, or (for an unreachable API) a layer whose verdict is the
 * last known one. The finding keeps its own verdict.
 *
 * @public
 */
export interface HealthConsequence {
  layer: LayerId;
  /** The check, when the consequence is one check rather than a whole layer. */
  checkId?: string;
  title: string;
  verdict: HealthVerdict;
  message: string;
  /** The evidence that ties the finding to the cause. */
  evidence: HealthEvidence[];
}

/**
 * One cause with the findings it explains, so that one NotReady node reads
 * as one problem rather than one per layer.
 *
 * @public
 */
export interface HealthCause {
  /** Stable within a cluster, e.g. `node-not-ready:Node/worker-2`. */
  id: string;
  kind: HealthCauseKind;
  /** The object at fault: `Node/worker-2`, or the API endpoint. */
  object: string;
  title: string;
  verdict: HealthVerdict;
  /** ISO 8601 time the cause began, when known. */
  since?: string;
  /** The finding that shows the cause itself. */
  finding?: { layer: LayerId; checkId: string };
  consequences: HealthConsequence[];
}
