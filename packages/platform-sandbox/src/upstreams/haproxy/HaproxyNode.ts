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

import { LbBackend } from '../externalLb/loadBalancers';
import {
  AdminState,
  BackendCondition,
  CheckSettings,
  ServerCheck,
} from './serverCheck';

/** The fleet's checks: a TCP connect every 2 s, UP after 2 passes, DOWN after 3 failures. */
export const FLEET_CHECK: CheckSettings = {
  enabled: true,
  rise: 2,
  fall: 3,
  interMs: 2_000,
  http: false,
  disableOn404: false,
};

const ADMIN_STATES = new Set<AdminState>(['ready', 'drain', 'maint']);
export const BACKEND_CONDITIONS = new Set<BackendCondition>([
  'ok',
  'refused',
  'slow',
  'not-found',
]);

/**
 * One HAProxy's servers and their health over simulated time: the runtime
 * API's `set server` changes their admin state, the sandbox changes what the
 * server behind does, and checks run on their interval.
 */
export class HaproxyNode {
  private readonly checks = new Map<string, ServerCheck>();
  private readonly faulted = new Set<string>();

  constructor(backends: LbBackend[], now: number) {
    for (const b of backends) {
      for (const s of b.servers) {
        const check = new ServerCheck(s.check ?? FLEET_CHECK, now);
        // The fleet's load balancers have been running for a while: their servers start settled.
        if (!s.check) check.settleUp();
        this.checks.set(`${b.name}-be/${s.name}`, check);
      }
    }
  }

  /** A server's health after the checks due by `now`; undefined for an unknown server. */
  server(
    backend: string,
    server: string,
    now: number,
  ): ServerCheck | undefined {
    const check = this.checks.get(`${backend}/${server}`);
    check?.catchUp(now);
    return check;
  }

  /** Servers the `haproxy-backend-down` fault holds down settle DOWN; released ones settle UP. */
  applyFaults(backends: LbBackend[]): void {
    for (const b of backends) {
      for (const s of b.servers) {
        const key = `${b.name}-be/${s.name}`;
        const check = this.checks.get(key);
        if (!check) continue;
        if (s.state === 'DOWN' && !this.faulted.has(key)) {
          this.faulted.add(key);
          check.settleDown();
        } else if (s.state !== 'DOWN' && this.faulted.delete(key)) {
          check.settleUp();
        }
      }
    }
  }

  /**
   * One runtime API command; the answer the stats socket gives. Only
   * `set server <backend>/<server> state ready|drain|maint` is simulated.
   */
  runtime(command: string, now: number): string {
    const m = /^set server (\S+)\/(\S+) state (\S+)$/.exec(command.trim());
    if (!m)
      return 'Unknown command. Only "set server <backend>/<server> state ready|drain|maint" is simulated.\n';
    const [, backend, server, state] = m;
    const check = this.checks.get(`${backend}/${server}`);
    if (!check) return 'No such server.\n';
    if (!ADMIN_STATES.has(state as AdminState))
      return "'set server <srv> state' expects 'ready', 'drain' and 'maint'.\n";
    check.setAdmin(state as AdminState, now);
    return '\n';
  }

  /** What the server behind does from now on (the sandbox's stand-in for stopping or slowing it). */
  setCondition(
    backend: string,
    server: string,
    condition: BackendCondition,
    now: number,
  ): boolean {
    const check = this.checks.get(`${backend}/${server}`);
    if (!check) return false;
    check.catchUp(now);
    check.condition = condition;
    return true;
  }
}
