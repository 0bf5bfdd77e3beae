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
import { LabelMatcher } from '../alerts/matchers';
import { SilenceLike, silenceState } from '../alerts/gettableAlerts';
import { stableUuid } from '../shared/ids';
import { SILENCE_NOT_FOUND } from './assumptions';

export interface Silence extends SilenceLike {
  createdBy: string;
  comment: string;
  updatedAt: Date;
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Silences as Alertmanager keeps them: created, updated by id, expired on delete. */
export class SilenceStore {
  private readonly silences = new Map<string, Silence>();
  private counter = 0;

  constructor(private readonly clock: SimClock) {}

  list(): Silence[] {
    return [...this.silences.values()];
  }

  get(id: string): Silence | undefined {
    return this.silences.get(id);
  }

  /** Validates and stores a postable silence; returns its id or the error text Alertmanager sends. */
  upsert(body: Record<string, unknown>): { id: string } | { error: string; status: number } {
    const raw = body.matchers;
    if (!Array.isArray(raw) || raw.length === 0) return { error: 'silence invalid: at least one matcher required', status: 400 };
    const matchers: LabelMatcher[] = [];
    for (const [i, m] of raw.entries()) {
      const name = typeof m?.name === 'string' ? m.name : '';
      if (!LABEL_NAME.test(name)) return { error: `silence invalid: invalid label matcher ${i}: invalid label name "${name}"`, status: 400 };
      const value = typeof m.value === 'string' ? m.value : '';
      const isRegex = m.isRegex === true;
      if (isRegex) {
        try {
          RegExp(value);
        } catch {
          return { error: `silence invalid: invalid label matcher ${i}: invalid regular expression "${value}"`, status: 400 };
        }
      }
      matchers.push({ name, value, isRegex, isEqual: m.isEqual !== false });
    }
    const startsAt = new Date(String(body.startsAt ?? ''));
    const endsAt = new Date(String(body.endsAt ?? ''));
    if (Number.isNaN(startsAt.getTime()) || Number.isNaN(endsAt.getTime())) {
      return { error: 'startsAt and endsAt are required date-time values', status: 400 };
    }
    if (endsAt <= startsAt) return { error: 'silence invalid: end time must not be before start time', status: 400 };
    const now = this.clock.now();
    if (endsAt <= now) return { error: 'silence invalid: end time can\'t be in the past', status: 400 };
    let id = typeof body.id === 'string' && body.id !== '' ? body.id : undefined;
    if (id && !this.silences.has(id)) return { error: SILENCE_NOT_FOUND, status: 404 };
    id ??= stableUuid('silence', this.counter++);
    this.silences.set(id, {
      id,
      matchers,
      startsAt: startsAt < now ? now : startsAt,
      endsAt,
      createdBy: String(body.createdBy ?? ''),
      comment: String(body.comment ?? ''),
      updatedAt: now,
    });
    return { id };
  }

  /** Expires a silence now. */
  expire(id: string): 'ok' | 'not-found' | 'expired' {
    const silence = this.silences.get(id);
    if (!silence) return 'not-found';
    const now = this.clock.now();
    if (silenceState(silence, now) === 'expired') return 'expired';
    silence.endsAt = now;
    if (silence.startsAt > now) silence.startsAt = now;
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
