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

import { LayerId } from './layers';
import {
  BUILD_OUT_STEP_ROWS,
  BuildOutVerification,
} from './buildOutGuideSteps';

export type { BuildOutVerification } from './buildOutGuideSteps';

/** @public */
export interface BuildOutPhase {
  /** 1 to 11, in the order the guide builds them. */
  number: number;
  title: string;
  /** The step numbers of the phase, in order. */
  steps: number[];
}

/** @public */
export interface BuildOutStep {
  /** 1 to 50, the guide's numbering. */
  number: number;
  phase: number;
  /** What to do, as the guide says it. */
  action: string;
  /** How the guide verifies it. */
  guideVerification: string;
  /** The layer the step builds. */
  layer: LayerId;
  verification: BuildOutVerification;
}

/**
 * The guide's 11 phases (section 11, "Complete Deployment Sequence").
 *
 * @public
 */
export const BUILD_OUT_PHASES: readonly BuildOutPhase[] = [
  { number: 1, title: 'Infrastructure Provisioning', steps: [1, 2, 3, 4, 5] },
  { number: 2, title: 'Cluster Bootstrap', steps: [6, 7, 8, 9, 10, 11] },
  {
    number: 3,
    title: 'Load Balancing Foundation',
    steps: [12, 13, 14, 15, 16],
  },
  { number: 4, title: 'Storage Foundation', steps: [17, 18, 19] },
  { number: 5, title: 'Security Layer', steps: [20, 21, 22, 23] },
  { number: 6, title: 'Ingress Control', steps: [24, 25, 26, 27] },
  { number: 7, title: 'Artifact Management', steps: [28, 29, 30, 31] },
  { number: 8, title: 'Identity Layer', steps: [32, 33, 34, 35, 36] },
  { number: 9, title: 'GitOps', steps: [37, 38, 39, 40] },
  {
    number: 10,
    title: 'Observability Stack',
    steps: [41, 42, 43, 44, 45, 46, 47],
  },
  { number: 11, title: 'CI/CD Integration', steps: [48, 49, 50] },
];

/**
 * The guide's 50 build-out steps, each with its phase and how it is verified.
 *
 * @public
 */
export const BUILD_OUT_STEPS: readonly BuildOutStep[] = BUILD_OUT_STEP_ROWS.map(
  ([number, action, guideVerification, layer, verification]) => ({
    number,
    phase: BUILD_OUT_PHASES.find(p => p.steps.includes(number))!.number,
    action,
    guideVerification,
    layer,
    verification,
  }),
);

/** @public */
export function getBuildOutStep(number: number): BuildOutStep | undefined {
  return BUILD_OUT_STEPS.find(step => step.number === number);
}

/** @public */
export function getBuildOutPhase(number: number): BuildOutPhase | undefined {
  return BUILD_OUT_PHASES.find(phase => phase.number === number);
}
