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

/**
 * Loki's time parameters: integer nanoseconds, float seconds, or RFC3339.
 * Returns milliseconds, or undefined when the value cannot be read.
 */
export function parseLokiTime(text: string | null): number | undefined {
  if (text === null || text === '') return undefined;
  if (/^\d+$/.test(text)) {
    // Loki reads bare integers as nanoseconds; small ones are unix seconds in practice.
    return text.length > 12 ? Number(BigInt(text) / 1_000_000n) : Number(text) * 1000;
  }
  if (/^\d+\.\d+$/.test(text)) return Number(text) * 1000;
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** Go-style durations as Loki accepts for `since` and `step` (`5m`, `1h30m`, `15s`) or plain seconds. */
export function parseLokiDuration(text: string | null): number | undefined {
  if (text === null || text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  let total = 0;
  let consumed = '';
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)) {
    total += Number(m[1]) * unit[m[2]];
    consumed += m[0];
  }
  return consumed === text ? total : undefined;
}
