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

import { FAULT_CLASSES, FaultClass } from '@platform-portal/platform-sandbox';

export { FAULT_CLASSES };
export type { FaultClass };

export interface ActionFaultExpectation {
  /** The Backstage error the task fails with (its name). */
  error: string;
  /** What the message must say besides the cluster and its config key. */
  says: RegExp;
}

/** What every Kubernetes-writing action answers under each fault of the API server. */
const KUBERNETES: Record<FaultClass, ActionFaultExpectation> = {
  '5xx': { error: 'Error', says: /failed \(503\b/ },
  '401': { error: 'NotAllowedError', says: /failed \(401\b.*writeToken/ },
  '403': { error: 'NotAllowedError', says: /failed \(403\b.*writeToken/ },
  'malformed body': { error: 'Error', says: /malformed JSON/ },
  // The sandbox closes the connection it accepted: the socket error is undici's.
  refused: {
    error: 'Error',
    says: /could not be reached \((ECONNREFUSED|ECONNRESET|UND_ERR_SOCKET)\)/,
  },
  'hang past the deadline': { error: 'Error', says: /no answer within 1 s/ },
  'cross-host redirect': {
    error: 'Error',
    says: /redirect \(30\d\).*not followed/,
  },
};

/**
 * Every scaffolder action, the upstreams it calls and what it fails with
 * under each fault of each. An action without a row fails the table test.
 */
export const ACTION_FAULTS: Record<
  string,
  Record<string, Record<FaultClass, ActionFaultExpectation>>
> = {
  'platform:namespace:create': { kubernetes: KUBERNETES },
  'platform:httproute:create': { kubernetes: KUBERNETES },
  'platform:certificate:create': { kubernetes: KUBERNETES },
  'platform:volume:create': { kubernetes: KUBERNETES },
  'platform:argocd:create-app': { kubernetes: KUBERNETES },
  'platform:cluster:create': { kubernetes: KUBERNETES },
  'platform:cluster:scale': { kubernetes: KUBERNETES },
  'platform:cluster:upgrade': { kubernetes: KUBERNETES },
  // Decides from the catalog's location owners alone: no upstream to fail.
  'platform:team:check-repository': {},
};
