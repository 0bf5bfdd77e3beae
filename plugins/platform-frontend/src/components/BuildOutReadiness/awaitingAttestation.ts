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

import {
  BUILD_OUT_STEPS,
  ReadinessScore,
} from '@platform-portal/plugin-platform-common';

/**
 * How many of the steps no API can verify still wait for a person: every
 * such step is either attested or awaiting, so the count follows from the
 * guide's steps and the attested score.
 */
export function awaitingAttestation(
  score: Pick<ReadinessScore, 'attested'>,
  phase?: number,
): number {
  const attestable = BUILD_OUT_STEPS.filter(
    s =>
      s.verification === 'attestation' &&
      (phase === undefined || s.phase === phase),
  ).length;
  return Math.max(0, attestable - score.attested);
}

/** A score in words: passed, attested and awaiting attestation apart. */
export function describeScore(score: ReadinessScore, phase?: number): string {
  const awaiting = awaitingAttestation(score, phase);
  return [
    `${score.passed} of ${score.total} steps passed`,
    score.attested ? `${score.attested} attested` : '',
    awaiting ? `${awaiting} awaiting attestation` : '',
  ]
    .filter(Boolean)
    .join(', ');
}
