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

import { ObjectStore } from '../kube/store';
import { ClusterContext, componentClaimName, componentsOn, GATEWAY, teamsOf } from './clusterContext';
import { namespaceObject } from './namespaces';
import { isAutomated } from '../upstreams/argocd/assumptions';
import { upsert } from './objectWrites';
import { argoApplication, certificateObject } from './platformObjects';
import { serviceObject, workloadObject } from './workloadManifests';

/** Team namespaces with their guard rails: quota, limit range and a default-deny policy. */
export function buildTeamNamespaces(store: ObjectStore, ctx: ClusterContext): void {
  for (const { team, namespaces } of teamsOf(ctx.fleet)) {
    for (const namespace of namespaces) {
      upsert(store, 'namespaces', namespaceObject(namespace, { team, 'platform.example.com/tenant': 'true' }, ctx.installedAt));
      upsert(store, 'resourcequotas', {
        apiVersion: 'v1',
        kind: 'ResourceQuota',
        metadata: { name: 'team-quota', namespace, creationTimestamp: ctx.installedAt },
        spec: { hard: { 'requests.cpu': '16', 'requests.memory': '32Gi', 'limits.memory': '64Gi', pods: '100', persistentvolumeclaims: '20', 'requests.storage': '500Gi' } },
      });
      upsert(store, 'limitranges', {
        apiVersion: 'v1',
        kind: 'LimitRange',
        metadata: { name: 'defaults', namespace, creationTimestamp: ctx.installedAt },
        spec: { limits: [{ type: 'Container', default: { cpu: '500m', memory: '512Mi' }, defaultRequest: { cpu: '100m', memory: '128Mi' }, max: { cpu: '4', memory: '8Gi' } }] },
      });
      upsert(store, 'ciliumnetworkpolicies.cilium.io', {
        apiVersion: 'cilium.io/v2',
        kind: 'CiliumNetworkPolicy',
        metadata: { name: 'default-deny', namespace, creationTimestamp: ctx.installedAt },
        spec: { endpointSelector: {}, ingress: [{ fromEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'traefik' } }] }], egress: [{ toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s:k8s-app': 'kube-dns' } }] }] },
      });
    }
  }
}

/** Each example component deployed to this cluster, with the labels the portal looks for. */
export function buildTeamComponents(store: ObjectStore, ctx: ClusterContext): void {
  const at = ctx.installedAt;
  for (const component of componentsOn(ctx.fleet, ctx.spec.name)) {
    const version = component.deployments[ctx.spec.name];
    const { namespace, name } = component;
    const labels = {
      'backstage.io/kubernetes-id': name,
      'app.kubernetes.io/version': version,
      'app.kubernetes.io/part-of': component.team,
      team: component.team,
    };
    upsert(store, 'deployments.apps', workloadObject({
      namespace,
      name,
      kind: 'Deployment',
      replicas: component.replicas,
      image: `registry.${ctx.fleet.domain}/${component.image}:${version}`,
      port: 8080,
      labels,
      createdAt: at,
    }));
    const selector = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': name };
    upsert(store, 'services', serviceObject(namespace, name, selector, 8080, at, labels, 'ClusterIP', `10.96.${20 + (name.length % 200)}.${10 + (namespace.length % 200)}`));
    upsert(store, 'persistentvolumeclaims', {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: componentClaimName(name), namespace, creationTimestamp: at, labels: { 'backstage.io/kubernetes-id': name } },
      spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'longhorn', volumeMode: 'Filesystem', resources: { requests: { storage: '20Gi' } } },
      status: { phase: 'Pending' },
    });
    if (component.hostname) {
      upsert(store, 'httproutes.gateway.networking.k8s.io', {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: { name, namespace, creationTimestamp: at, labels: { 'backstage.io/kubernetes-id': name } },
        spec: {
          parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: GATEWAY.name, namespace: GATEWAY.namespace, sectionName: 'https' }],
          hostnames: [component.hostname],
          rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ group: '', kind: 'Service', name, port: 8080, weight: 1 }] }],
        },
      });
      upsert(store, 'certificates.cert-manager.io', {
        ...certificateObject(namespace, `${name}-tls`, [component.hostname], 'letsencrypt-prod', at),
        metadata: { name: `${name}-tls`, namespace, creationTimestamp: at, labels: { 'backstage.io/kubernetes-id': name } },
      });
    }
    upsert(store, 'applications.argoproj.io', argoApplication(ctx, name, namespace, `clusters/${ctx.spec.name}/${name}`, version, component.namespace, isAutomated(ctx.spec, false)));
  }
}
