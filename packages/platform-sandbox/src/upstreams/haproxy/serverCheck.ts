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

/** How a server's health check is configured (`server ... check`, `default-server`, `option httpchk`). */
export interface CheckSettings {
  /** False for a server without `check`: always "no check". */
  enabled: boolean;
  rise: number;
  fall: number;
  interMs: number;
  /** `option httpchk` (Layer 7) rather than a TCP connect (Layer 4). */
  http: boolean;
  /** `http-check disable-on-404`: a 404 takes the server out of balancing (NOLB), not down. */
  disableOn404: boolean;
}

/** What the server behind HAProxy does when checked. */
export type BackendCondition = 'ok' | 'refused' | 'slow' | 'not-found';
/** The runtime API's `set server <be>/<srv> state ready|drain|maint`. */
export type AdminState = 'ready' | 'drain' | 'maint';

type Result = { outcome: 'pass' | 'condpass' | 'fail'; status: string };

function checkResult(
  settings: CheckSettings,
  condition: BackendCondition,
): Result {
  if (condition === 'refused') return { outcome: 'fail', status: 'L4CON' };
  if (!settings.http) return { outcome: 'pass', status: 'L4OK' };
  if (condition === 'slow') return { outcome: 'fail', status: 'L7TOUT' };
  if (condition === 'not-found') {
    return settings.disableOn404
      ? { outcome: 'condpass', status: 'L7OKC' }
      : { outcome: 'fail', status: 'L7STS' };
  }
  return { outcome: 'pass', status: 'L7OK' };
}

/**
 * One server's health as HAProxy 2.6 tracks it (src/check.c,
 * set_server_check_status; src/stats.c, srv_stats_state): a health counter
 * from 0 to rise+fall-1, UP from `rise` on; a failed check counts down (below
 * `rise` it drops to 0: DOWN), a passed one up (reaching `rise` it jumps to
 * the top: UP). Checks run every `interMs` of simulated time; a change of
 * condition shows at the next check.
 */
export class ServerCheck {
  private health: number;
  private state: 'running' | 'stopping' | 'stopped' = 'running';
  private checkStatus = 'INI';
  private lastCheckAt: number;
  admin: AdminState = 'ready';
  condition: BackendCondition = 'ok';
  chkfail = 0;
  chkdown = 0;

  constructor(readonly settings: CheckSettings, now: number) {
    // A server starts UP with its health at `rise` ("UP 1/3" until its first check).
    this.health = settings.rise;
    this.lastCheckAt = now;
  }

  private get top(): number {
    return this.settings.rise + this.settings.fall - 1;
  }

  /** Runs the checks due up to `now`, one per `interMs`. */
  catchUp(now: number): void {
    if (!this.settings.enabled) return;
    while (now - this.lastCheckAt >= this.settings.interMs) {
      this.lastCheckAt += this.settings.interMs;
      if (this.admin !== 'maint') this.runCheck();
    }
  }

  private runCheck(): void {
    const { outcome, status } = checkResult(this.settings, this.condition);
    this.checkStatus = status;
    if (outcome === 'fail') {
      if (this.health > 0) {
        this.chkfail += 1;
        this.health -= 1;
        if (this.health < this.settings.rise) this.health = 0;
      }
      if (this.health === 0 && this.state !== 'stopped') {
        this.state = 'stopped';
        this.chkdown += 1;
      }
      return;
    }
    if (this.health < this.top) {
      this.health += 1;
      if (this.health >= this.settings.rise) this.health = this.top;
    }
    if (this.health >= this.settings.rise)
      this.state = outcome === 'condpass' ? 'stopping' : 'running';
  }

  /** `set server ... state`: maintenance takes the server out at once; leaving it starts again from `rise`. */
  setAdmin(admin: AdminState, now: number): void {
    this.catchUp(now);
    if (admin === 'maint' && this.admin !== 'maint' && this.state !== 'stopped')
      this.chkdown += 1;
    if (admin !== 'maint' && this.admin === 'maint' && this.settings.enabled) {
      this.health = this.settings.rise;
      this.state = 'running';
    }
    this.admin = admin;
  }

  /** Settled as long down with the connection refused (the `haproxy-backend-down` fault). */
  settleDown(): void {
    this.condition = 'refused';
    this.health = 0;
    this.state = 'stopped';
    this.checkStatus = 'L4CON';
    this.chkfail = Math.max(this.chkfail, this.settings.fall);
    this.chkdown = Math.max(this.chkdown, 1);
  }

  /** Settled as long up (a server that has passed its checks for a while). */
  settleUp(): void {
    this.condition = 'ok';
    this.health = this.top;
    this.state = 'running';
    this.checkStatus = checkResult(this.settings, 'ok').status;
  }

  /** Takes traffic: running (UP or going down), not draining or in maintenance. */
  get usable(): boolean {
    return this.admin === 'ready' && this.state === 'running';
  }

  /** The stats CSV's `status` of this server. */
  get status(): string {
    if (this.admin === 'maint') return 'MAINT';
    const { rise, fall, enabled } = this.settings;
    if (this.state === 'running') {
      const goingDown = enabled && this.health < this.top;
      if (this.admin === 'drain')
        return goingDown ? `DRAIN ${this.health - rise + 1}/${fall}` : 'DRAIN';
      if (!enabled) return 'no check';
      return goingDown ? `UP ${this.health - rise + 1}/${fall}` : 'UP';
    }
    if (this.state === 'stopping')
      return this.health === this.top
        ? 'NOLB'
        : `NOLB ${this.health - rise + 1}/${fall}`;
    return this.health === 0 ? 'DOWN' : `DOWN ${this.health}/${rise}`;
  }

  /** The check columns; HAProxy leaves them empty without checks and in maintenance. */
  get checkColumns(): {
    check_status: string;
    check_health: string;
    check_rise: string;
    check_fall: string;
  } {
    if (!this.settings.enabled || this.admin === 'maint') {
      return {
        check_status: '',
        check_health: '',
        check_rise: '',
        check_fall: '',
      };
    }
    return {
      check_status: this.checkStatus,
      check_health: String(this.health),
      check_rise: String(this.settings.rise),
      check_fall: String(this.settings.fall),
    };
  }
}
