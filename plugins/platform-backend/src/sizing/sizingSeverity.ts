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

import { SizingSeverity } from '@platform-portal/plugin-platform-common';
import { SizingInput } from './sizingInput';

export const round = (value: number, digits = 1) =>
  Math.round(value * 10 ** digits) / 10 ** digits;

/** Falling short of the guide is critical in production, a warning elsewhere. */
export function shortfall(input: SizingInput): SizingSeverity {
  return input.profile === 'production' ? 'critical' : 'warning';
}

export function usageSeverity(usedPercent: number): SizingSeverity {
  if (usedPercent >= 90) {
    return 'critical';
  }
  return usedPercent >= 80 ? 'warning' : 'ok';
}
