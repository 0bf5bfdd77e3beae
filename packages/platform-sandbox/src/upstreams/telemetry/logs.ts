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

import { ControlState } from '../../control/ControlState';
import { stableInt } from '../shared/ids';
import { TRACE_SLOT_MS, traceIdFor } from './traces';
import { isFailing, podName, Workload } from './workloads';

/** Every workload logs one line every ten simulated seconds. */
export const LOG_INTERVAL_MS = 10_000;

export function streamLabels(w: Workload): Record<string, string> {
  return {
    cluster: w.cluster,
    namespace: w.namespace,
    app: w.app,
    container: w.app,
    pod: podName(w),
    job: `${w.namespace}/${w.app}`,
  };
}

/**
 * The line a workload logged at the given slot time. Failing workloads log an
 * error every other line; components link their requests to traces.
 */
export function logLine(w: Workload, atMs: number, control: ControlState): string {
  const ts = new Date(atMs).toISOString();
  if (isFailing(w, control) && Math.floor(atMs / LOG_INTERVAL_MS) % 2 === 0) {
    return `level=error ts=${ts} ${w.errorMessage}`;
  }
  if (w.component) {
    const slot = Math.floor(atMs / TRACE_SLOT_MS);
    const status = 200;
    const duration = 5 + stableInt(120, w.cluster, w.app, atMs);
    return `level=info ts=${ts} msg="request served" method=GET path=/api/${w.app} status=${status} duration_ms=${duration} traceID=${traceIdFor(w, slot)}`;
  }
  return `level=info ts=${ts} msg="reconciled" controller=${w.app} duration_ms=${3 + stableInt(40, w.app, atMs)}`;
}

