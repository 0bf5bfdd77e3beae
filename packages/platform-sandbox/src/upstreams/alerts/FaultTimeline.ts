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
import { activeFaults, ClusterFault } from '../shared/fleetFaults';

export interface TimedFault extends ClusterFault {
  /** Simulated time the fault was first seen active. */
  since: Date;
}

function keyOf(f: ClusterFault): string {
  return `${f.cluster}|${f.id}|${f.target ?? ''}`;
}

/**
 * Remembers when each fault became active, so that alerts carry a stable
 * `startsAt`; ControlState itself keeps no times. Faults present at start are
 * dated one hour back, as if they had been firing for a while.
 */
export class FaultTimeline {
  private readonly since = new Map<string, Date>();
  private readonly stop: () => void;

  constructor(private readonly ctx: UpstreamContext) {
    const start = new Date(ctx.clock.now().getTime() - 3600_000);
    for (const fault of activeFaults(ctx.fleet, ctx.control)) this.since.set(keyOf(fault), start);
    this.stop = ctx.control.onFaultsChanged(() => this.refresh());
  }

  private refresh(): TimedFault[] {
    const now = this.ctx.clock.now();
    const active = activeFaults(this.ctx.fleet, this.ctx.control);
    const live = new Set(active.map(keyOf));
    for (const key of [...this.since.keys()]) if (!live.has(key)) this.since.delete(key);
    return active.map(fault => {
      const key = keyOf(fault);
      if (!this.since.has(key)) this.since.set(key, now);
      return { ...fault, since: this.since.get(key)! };
    });
  }

  /** Every active fault with the time it started. */
  active(): TimedFault[] {
    return this.refresh();
  }

  close(): void {
    this.stop();
  }
}
