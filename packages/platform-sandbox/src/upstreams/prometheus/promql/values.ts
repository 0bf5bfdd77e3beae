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


import { Labels } from '../series';

// What an expression evaluates to, and the label signatures series are matched by.

export interface Sample {
  labels: Labels;
  value: number;
  /** The sample's own time (ms), for timestamp(). */
  at?: number;
}

export type Series = { labels: Labels; points: Array<[number, number]> };

export type Value =
  | { kind: 'vector'; samples: Sample[] }
  | { kind: 'scalar'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'matrix'; series: Series[] };

/** An error while evaluating (HTTP 422, errorType `execution`). */
export class ExecutionError extends Error {}

export function signature(labels: Labels, drop: string[] = []): string {
  return JSON.stringify(
    Object.entries(labels)
      .filter(([k]) => !drop.includes(k))
      .sort(),
  );
}

export function withoutName(labels: Labels): Labels {
  const { __name__: _, ...rest } = labels;
  return rest;
}
