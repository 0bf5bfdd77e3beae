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

import { labelSelectorFromSpec } from '../kube/selectors';
import { ObjectStore } from '../kube/store';
import { upsert } from './objectWrites';
import { isPodReady } from './pods';

type ServiceSpec = { selector?: Record<string, string>; ports?: Array<{ name?: string; port: number; targetPort?: number | string; protocol?: string }> };

/** The endpoints controller: each selector Service lists its pods' addresses, ready or not. */
export function reconcileEndpoints(store: ObjectStore): void {
  for (const service of store.list('services')) {
    const spec = service.spec as ServiceSpec;
    if (!spec.selector || Object.keys(spec.selector).length === 0) continue;
    const namespace = service.metadata.namespace!;
    const selects = labelSelectorFromSpec({ matchLabels: spec.selector });
    const pods = store.list('pods', namespace).filter(selects);
    const address = (pod: (typeof pods)[number]) => ({
      ip: (pod.status as { podIP?: string })?.podIP ?? '',
      nodeName: (pod.spec as { nodeName?: string }).nodeName,
      targetRef: { kind: 'Pod', namespace, name: pod.metadata.name, uid: pod.metadata.uid },
    });
    const ready = pods.filter(isPodReady).map(address);
    const notReady = pods.filter(p => !isPodReady(p)).map(address);
    const ports = (spec.ports ?? []).map(p => ({
      ...(p.name ? { name: p.name } : {}),
      port: typeof p.targetPort === 'number' ? p.targetPort : p.port,
      protocol: p.protocol ?? 'TCP',
    }));
    const existing = store.get('endpoints', namespace, service.metadata.name);
    upsert(store, 'endpoints', {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: {
        name: service.metadata.name,
        namespace,
        labels: service.metadata.labels,
        ...(existing ? { creationTimestamp: existing.metadata.creationTimestamp } : { creationTimestamp: service.metadata.creationTimestamp }),
      },
      subsets: pods.length > 0 ? [{ ...(ready.length ? { addresses: ready } : {}), ...(notReady.length ? { notReadyAddresses: notReady } : {}), ports }] : [],
    });
  }
  for (const endpoints of store.list('endpoints')) {
    if (!store.get('services', endpoints.metadata.namespace, endpoints.metadata.name)) {
      store.delete('endpoints', endpoints.metadata.namespace, endpoints.metadata.name);
    }
  }
}
