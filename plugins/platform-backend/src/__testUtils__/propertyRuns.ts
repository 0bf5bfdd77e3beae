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

/** fast-check's own default number of runs. */
const SAMPLE_RUNS = 100;

/**
 * How many random cases a property runs. `make test` runs fast-check's
 * default sample of 100 to stay within its time budget (the seed changes
 * every run, so runs add up to more); `make test FULL=1` sets
 * PLATFORM_TEST_PROPERTY_RUNS=full for the full count, and a number there
 * runs that many (never more than the full count).
 */
export function propertyRuns(full: number): number {
  const setting = process.env.PLATFORM_TEST_PROPERTY_RUNS ?? '';
  if (setting === 'full') {
    return full;
  }
  const runs = Number(setting);
  const chosen = Number.isInteger(runs) && runs > 0 ? runs : SAMPLE_RUNS;
  return Math.min(chosen, full);
}
