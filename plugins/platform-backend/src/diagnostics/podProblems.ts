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

import { AnyObject, refOf } from './kubeObjects';

/** Why each pod that is not running and ready is not, one line per pod. */
export function podProblems(pods: AnyObject[]): string[] {
  const problems: string[] = [];
  for (const pod of pods) {
    if (pod.status?.phase === 'Succeeded') continue;
    const statuses: any[] = pod.status?.containerStatuses ?? [];
    const waiting = statuses.find(s => s.state?.waiting);
    const notReady = statuses.filter(s => !s.ready);
    const oom = statuses.find(
      s => s.lastState?.terminated?.reason === 'OOMKilled',
    );
    if (pod.status?.phase !== 'Running') {
      problems.push(`${refOf(pod)} ${pod.status?.phase ?? 'unknown phase'}`);
    } else if (waiting) {
      problems.push(
        `${refOf(pod)} ${waiting.state.waiting.reason} (${
          waiting.restartCount
        } restarts${oom ? ', last OOMKilled' : ''})`,
      );
    } else if (notReady.length) {
      problems.push(`${refOf(pod)} not ready${oom ? ' (last OOMKilled)' : ''}`);
    }
  }
  return problems;
}

/** Pods whose container was last killed for running out of memory. */
export function oomKilled(pods: AnyObject[]): AnyObject[] {
  return pods.filter(p =>
    (p.status?.containerStatuses ?? []).some(
      (s: any) => s.lastState?.terminated?.reason === 'OOMKilled',
    ),
  );
}
