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
  BUILD_OUT_PHASES,
  BUILD_OUT_STEPS,
  getBuildOutPhase,
  getBuildOutStep,
} from './buildOut';
import { isLayerId } from './layers';

describe('build-out', () => {
  it('has the guide’s 11 phases covering steps 1 to 50 in order, each once', () => {
    expect(BUILD_OUT_PHASES).toHaveLength(11);
    expect(BUILD_OUT_PHASES.flatMap(p => p.steps)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    expect(BUILD_OUT_STEPS.map(s => s.number)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
  });

  it('puts each step in its phase with a layer and a verification', () => {
    for (const step of BUILD_OUT_STEPS) {
      expect(getBuildOutPhase(step.phase)!.steps).toContain(step.number);
      expect(isLayerId(step.layer)).toBe(true);
      expect(step.guideVerification.length).toBeGreaterThan(0);
    }
    expect(getBuildOutStep(6)).toMatchObject({
      phase: 2,
      verification: 'attestation',
      guideVerification: 'Document the decision',
    });
    expect(getBuildOutStep(51)).toBeUndefined();
  });

  it('leaves to a person only the steps no API can verify', () => {
    expect(
      BUILD_OUT_STEPS.filter(s => s.verification === 'attestation').map(
        s => s.number,
      ),
    ).toEqual([3, 6, 16, 33, 35]);
  });
});
