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

import { KubeObject, timestamp } from '../kube/objects';
import { ObjectStore } from '../kube/store';
import { healthOf } from './nodes';
import { shortHash } from './objectWrites';
import { imagePullError, POD_FAULT_ANNOTATION } from './pods';

interface EventSpec {
  namespace: string;
  involved: KubeObject;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  component: string;
}

/** Records an Event once per object and reason; a repeat leaves it as it is (no churn). */
function record(store: ObjectStore, spec: EventSpec, at: string): void {
  const { involved } = spec;
  const name = `${involved.metadata.name}.${shortHash(`${involved.metadata.uid}/${spec.reason}`, 16)}`;
  if (store.get('events', spec.namespace, name)) return;
  store.create('events', {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: spec.namespace },
    involvedObject: {
      kind: involved.kind,
      name: involved.metadata.name,
      ...(involved.metadata.namespace ? { namespace: involved.metadata.namespace } : {}),
      uid: involved.metadata.uid,
      apiVersion: involved.apiVersion,
    },
    reason: spec.reason,
    message: spec.message,
    source: { component: spec.component },
    firstTimestamp: at,
    lastTimestamp: at,
    count: 1,
    type: spec.type,
    reportingComponent: spec.component,
    reportingInstance: '',
  });
}

/**
 * The Events the kubelet and node controller emit for what the faults do:
 * BackOff for crash-looping containers, Unhealthy for failing readiness,
 * NodeNotReady for lost nodes.
 */
export function reconcileEvents(store: ObjectStore, now: Date): void {
  const at = timestamp(now);
  for (const pod of store.list('pods')) {
    const scheduled = ((pod.status as { conditions?: Array<{ type: string; status: string; reason?: string; message?: string }> })?.conditions ?? []).find(c => c.type === 'PodScheduled');
    if (scheduled?.status === 'False' && scheduled.reason === 'Unschedulable') {
      record(store, { namespace: pod.metadata.namespace!, involved: pod, type: 'Warning', reason: 'FailedScheduling', message: scheduled.message ?? '', component: 'default-scheduler' }, at);
    }
    const statuses = ((pod.status as { containerStatuses?: Array<{ name: string; ready: boolean; state?: { waiting?: { reason?: string } } }> })?.containerStatuses ?? []);
    for (const c of statuses) {
      if (c.state?.waiting?.reason === 'CrashLoopBackOff') {
        record(store, { namespace: pod.metadata.namespace!, involved: pod, type: 'Warning', reason: 'BackOff', message: `Back-off restarting failed container ${c.name} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`, component: 'kubelet' }, at);
      } else if (c.state?.waiting?.reason === 'ImagePullBackOff') {
        const image = (c as { image?: string }).image ?? '';
        record(store, { namespace: pod.metadata.namespace!, involved: pod, type: 'Warning', reason: 'Failed', message: `Failed to pull image "${image}": ${imagePullError(image)}`, component: 'kubelet' }, at);
        record(store, { namespace: pod.metadata.namespace!, involved: pod, type: 'Normal', reason: 'BackOff', message: `Back-off pulling image "${image}"`, component: 'kubelet' }, at);
      } else if (!c.ready && pod.metadata.annotations?.[POD_FAULT_ANNOTATION] === 'not-ready') {
        record(store, { namespace: pod.metadata.namespace!, involved: pod, type: 'Warning', reason: 'Unhealthy', message: 'Readiness probe failed: HTTP probe failed with statuscode: 503', component: 'kubelet' }, at);
      }
    }
  }
  for (const node of store.list('nodes')) {
    if (healthOf(node).ready === 'Unknown') {
      record(store, { namespace: 'default', involved: node, type: 'Normal', reason: 'NodeNotReady', message: `Node ${node.metadata.name} status is now: NodeNotReady`, component: 'node-controller' }, at);
    }
  }
}
