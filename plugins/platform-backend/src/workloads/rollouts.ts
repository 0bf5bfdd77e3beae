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
  WorkloadAutoscaler,
  WorkloadKind,
  WorkloadRollout,
} from '@platform-portal/plugin-platform-common';
import { AnyObject, conditionOf } from '../diagnostics/kubeObjects';

const num = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : 0;

function imagesOf(object: AnyObject): string[] {
  return (
    (object.spec?.template?.spec?.containers ?? []) as Array<{
      image?: string;
    }>
  )
    .map(c => c.image)
    .filter((i): i is string => Boolean(i));
}

/** Desired, ready, updated and available replicas as each controller counts them. */
function counts(kind: WorkloadKind, o: AnyObject) {
  const s = o.status ?? {};
  if (kind === 'DaemonSet') {
    return {
      desired: num(s.desiredNumberScheduled),
      ready: num(s.numberReady),
      updated: num(s.updatedNumberScheduled),
      available: num(s.numberAvailable),
    };
  }
  return {
    desired: num(o.spec?.replicas ?? 1),
    ready: num(s.readyReplicas),
    updated: num(s.updatedReplicas),
    available: num(s.availableReplicas),
  };
}

/**
 * A workload's rollout: stuck when its Deployment reports
 * ProgressDeadlineExceeded, progressing while replicas are being replaced or
 * the controller has not seen the latest spec, degraded when every replica is
 * updated but not all are ready, complete otherwise.
 */
export function rolloutOf(
  kind: WorkloadKind,
  object: AnyObject,
  autoscaler?: WorkloadAutoscaler,
): WorkloadRollout {
  const c = counts(kind, object);
  const progressing = conditionOf(object, 'Progressing');
  const base = {
    kind,
    name: object.metadata?.name ?? '',
    ...c,
    images: imagesOf(object),
    ...(autoscaler ? { autoscaler } : {}),
  };
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    return {
      ...base,
      state: 'stuck',
      message: progressing.message ?? 'ProgressDeadlineExceeded',
    };
  }
  const observed = num(object.status?.observedGeneration);
  const generation = num(
    (object.metadata as { generation?: number })?.generation,
  );
  if ((generation && observed < generation) || c.updated < c.desired) {
    return {
      ...base,
      state: 'progressing',
      message: `${c.updated} of ${c.desired} replicas updated`,
    };
  }
  if (c.ready < c.desired) {
    return {
      ...base,
      state: 'degraded',
      message: `${c.ready} of ${c.desired} replicas ready`,
    };
  }
  return { ...base, state: 'complete' };
}

/** The autoscaler (autoscaling/v2) whose scaleTargetRef names the workload. */
export function autoscalerFor(
  kind: WorkloadKind,
  name: string,
  autoscalers: AnyObject[],
): WorkloadAutoscaler | undefined {
  const hpa = autoscalers.find(
    h =>
      h.spec?.scaleTargetRef?.kind === kind &&
      h.spec?.scaleTargetRef?.name === name,
  );
  if (!hpa) return undefined;
  return {
    name: hpa.metadata?.name ?? '',
    minReplicas: num(hpa.spec?.minReplicas ?? 1),
    maxReplicas: num(hpa.spec?.maxReplicas),
    currentReplicas: num(hpa.status?.currentReplicas),
    desiredReplicas: num(hpa.status?.desiredReplicas),
  };
}
