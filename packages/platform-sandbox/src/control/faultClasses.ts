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

import { Behaviour } from './ControlState';

/**
 * The classes of upstream fault a client must survive, as the behaviour
 * settings that make them. Fault tables of the portal's routes, actions and
 * clients run each of them against each upstream they call.
 */
export const FAULT_CLASSES = {
  '5xx': { errorRate: 1, errorStatus: 503 },
  '401': { errorRate: 1, errorStatus: 401 },
  '403': { errorRate: 1, errorStatus: 403 },
  'malformed body': { malformedJson: true },
  refused: { refuse: true },
  'hang past the deadline': { hang: true },
  // Port 9 (discard) on loopback: nothing must follow the redirect there.
  'cross-host redirect': { redirectTo: 'http://127.0.0.1:9/elsewhere' },
} as const satisfies Record<string, Partial<Behaviour>>;

export type FaultClass = keyof typeof FAULT_CLASSES;
