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

// The run's time budget: each phase gets its own limit, cut short when the
// phases after it need the time that is left, so a run ends on time however
// slow the machine or the backend is.

class Budget {
  constructor(totalSec) {
    this.totalSec = totalSec;
    this.endsAt = Date.now() + totalSec * 1000;
  }

  remainingSec() {
    return Math.max(0, (this.endsAt - Date.now()) / 1000);
  }

  /** Seconds a phase may take: its limit, or what is left after `reserveSec`. */
  limitSec(limitSec, reserveSec = 0) {
    return Math.max(
      0,
      Math.floor(Math.min(limitSec, this.remainingSec() - reserveSec)),
    );
  }

  /** Whether a phase of `needSec` fits before the time kept for later phases. */
  allows(needSec, reserveSec = 0) {
    return this.remainingSec() - reserveSec >= needSec;
  }

  skipReason(what, needSec) {
    return `${what} skipped: the run's ${Math.round(
      this.totalSec / 60,
    )}-minute budget had ${Math.round(
      this.remainingSec(),
    )} s left, it needs about ${needSec} s`;
  }
}

module.exports = { Budget };
