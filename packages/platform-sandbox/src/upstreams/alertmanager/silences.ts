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

import { SimClock } from '../../control/SimClock';
import { compileAnchored } from '../alerts/goRegexp';
import { LabelMatcher } from '../alerts/matchers';
import { SilenceLike, silenceState } from '../alerts/gettableAlerts';
import { stableUuid } from '../shared/ids';
import { SILENCE_NOT_FOUND } from './assumptions';
import { PostableSilence } from './postableSilence';

export interface Silence extends SilenceLike {
  createdBy: string;
  comment: string;
  updatedAt: Date;
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Alertmanager's validateMatcher: a valid name, a regex Go compiles (unanchored in the message). */
function matcherError(m: LabelMatcher): string | undefined {
  if (!LABEL_NAME.test(m.name))
    return `invalid label name ${JSON.stringify(m.name)}`;
  if (m.isRegex) {
    const compiled = compileAnchored(m.value);
    if ('error' in compiled) {
      const unanchored = compiled.error.split(`^(?:${m.value})$`).join(m.value);
      return `invalid regular expression ${JSON.stringify(
        m.value,
      )}: ${unanchored}`;
    }
  }
  return undefined;
}

/** Alertmanager's canUpdate: same matchers, and times an active or pending silence may still take. */
function canUpdate(prev: Silence, next: PostableSilence, now: Date): boolean {
  if (JSON.stringify(prev.matchers) !== JSON.stringify(next.matchers))
    return false;
  const state = silenceState(prev, now);
  if (state === 'active') {
    return (
      Math.floor(next.startsAt.getTime() / 1000) ===
        Math.floor(prev.startsAt.getTime() / 1000) && next.endsAt >= now
    );
  }
  return state === 'pending' && next.startsAt >= now;
}

/**
 * Silences as Alertmanager 0.25 keeps them: a change it cannot make in place
 * expires the old silence and creates a new one with a new id; expiring an
 * expired silence succeeds.
 */
export class SilenceStore {
  private readonly silences = new Map<string, Silence>();
  private counter = 0;

  constructor(private readonly clock: SimClock) {}

  /** Active first (soonest end first), then pending (soonest start), then expired (latest end first). */
  list(): Silence[] {
    const now = this.clock.now();
    const rank = { active: 0, pending: 1, expired: 2 } as const;
    return [...this.silences.values()].sort((a, b) => {
      const [sa, sb] = [silenceState(a, now), silenceState(b, now)];
      if (sa !== sb) return rank[sa] - rank[sb];
      if (sa === 'active') return a.endsAt.getTime() - b.endsAt.getTime();
      if (sa === 'pending') return a.startsAt.getTime() - b.startsAt.getTime();
      return b.endsAt.getTime() - a.endsAt.getTime();
    });
  }

  get(id: string): Silence | undefined {
    return this.silences.get(id);
  }

  /** POST /silences after binding: its id, or the status and JSON string Alertmanager answers. */
  upsert(
    body: PostableSilence,
  ): { id: string } | { error: string; status: number } {
    const now = this.clock.now();
    if (body.endsAt <= body.startsAt)
      return {
        error: 'Failed to create silence: start time must be before end time',
        status: 400,
      };
    if (body.endsAt < now)
      return {
        error: "Failed to create silence: end time can't be in the past",
        status: 400,
      };
    const prev = body.id === undefined ? undefined : this.silences.get(body.id);
    if (body.id !== undefined && !prev)
      return { error: SILENCE_NOT_FOUND, status: 404 };
    for (const [i, m] of body.matchers.entries()) {
      const error = matcherError(m);
      if (error)
        return {
          error: `silence invalid: invalid label matcher ${i}: ${error}`,
          status: 400,
        };
    }
    // Alertmanager's matchesEmpty: only `=` and `=~` matchers count (a negative one never does).
    if (
      body.matchers.every(m =>
        m.isEqual && !m.isRegex
          ? m.value === ''
          : m.isEqual && new RegExp(m.value).test(''),
      )
    ) {
      return {
        error:
          'silence invalid: at least one matcher must not match the empty string',
        status: 400,
      };
    }
    const fields = {
      matchers: body.matchers,
      endsAt: body.endsAt,
      createdBy: body.createdBy,
      comment: body.comment,
      updatedAt: now,
    };
    if (prev && canUpdate(prev, body, now)) {
      this.silences.set(prev.id, {
        ...fields,
        id: prev.id,
        startsAt: body.startsAt,
      });
      return { id: prev.id };
    }
    if (prev && silenceState(prev, now) !== 'expired') this.expire(prev.id);
    const id = stableUuid('silence', this.counter++);
    this.silences.set(id, {
      ...fields,
      id,
      startsAt: body.startsAt < now ? now : body.startsAt,
    });
    return { id };
  }

  /** Expires a silence now; one already expired stays as it is. */
  expire(id: string): 'ok' | 'not-found' {
    const silence = this.silences.get(id);
    if (!silence) return 'not-found';
    const now = this.clock.now();
    const state = silenceState(silence, now);
    if (state === 'expired') return 'ok';
    if (state === 'pending') silence.startsAt = now;
    silence.endsAt = now;
    silence.updatedAt = now;
    return 'ok';
  }
  render(s: Silence) {
    return {
      id: s.id,
      status: { state: silenceState(s, this.clock.now()) },
      updatedAt: s.updatedAt.toISOString(),
      comment: s.comment,
      createdBy: s.createdBy,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      matchers: s.matchers,
    };
  }
}
