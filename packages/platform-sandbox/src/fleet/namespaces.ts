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

import { KubeObject } from '../kube/objects';
import { ObjectStore } from '../kube/store';

export function namespaceObject(name: string, labels: Record<string, string> = {}, createdAt?: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { 'kubernetes.io/metadata.name': name, ...labels }, ...(createdAt ? { creationTimestamp: createdAt } : {}) },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

/**
 * The namespace controller and the service-account and root-CA publishers:
 * every namespace gets a `default` ServiceAccount and the `kube-root-ca.crt`
 * ConfigMap; a terminating namespace is emptied, then removed.
 */
export function reconcileNamespaces(store: ObjectStore, allResources: string[]): void {
  for (const ns of store.list('namespaces')) {
    const name = ns.metadata.name;
    if (ns.metadata.deletionTimestamp) {
      for (const resource of allResources) {
        if (resource === 'namespaces') continue;
        for (const object of store.list(resource, name)) store.delete(resource, name, object.metadata.name);
      }
      store.delete('namespaces', undefined, name);
      continue;
    }
    if (!store.get('serviceaccounts', name, 'default')) {
      store.create('serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: name } });
    }
    if (!store.get('configmaps', name, 'kube-root-ca.crt')) {
      store.create('configmaps', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'kube-root-ca.crt', namespace: name, annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' } },
        data: { 'ca.crt': '-----BEGIN CERTIFICATE-----\nMIIBsandbox\n-----END CERTIFICATE-----\n' },
      });
    }
  }
}
