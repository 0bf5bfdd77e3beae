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
import { LayerId } from '../scenario/types';
import { ObjectStore } from '../kube/store';
import { ARGOCD_NAMESPACE, ClusterContext, GATEWAY, lbPoolRange, WILDCARD_CERT } from './clusterContext';
import { isAutomated, PLATFORM_APPS } from '../upstreams/argocd/assumptions';
import { upsert } from './objectWrites';
import { serviceObject } from './workloadManifests';

const GW = 'gateway.networking.k8s.io';
const CM = 'cert-manager.io';

function certificate(namespace: string, name: string, dnsNames: string[], issuer: string, createdAt: string): KubeObject {
  return {
    apiVersion: `${CM}/v1`,
    kind: 'Certificate',
    metadata: { name, namespace, creationTimestamp: createdAt },
    spec: {
      secretName: name,
      dnsNames,
      issuerRef: { kind: 'ClusterIssuer', name: issuer, group: CM },
      duration: '2160h0m0s',
      renewBefore: '720h0m0s',
      privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
    },
  };
}

export { certificate as certificateObject };

/** The Service kubeadm's CoreDNS add-on puts in front of CoreDNS: pods resolve through its ClusterIP. */
function kubeDnsService(createdAt: string): KubeObject {
  const selector = { 'k8s-app': 'kube-dns' };
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kube-dns', namespace: 'kube-system', creationTimestamp: createdAt, labels: { ...selector, 'kubernetes.io/name': 'CoreDNS' }, annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' } },
    spec: {
      type: 'ClusterIP',
      selector,
      clusterIP: '10.96.0.10',
      clusterIPs: ['10.96.0.10'],
      ports: [
        { name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53, targetPort: 53, protocol: 'TCP' },
        { name: 'metrics', port: 9153, targetPort: 9153, protocol: 'TCP' },
      ],
      sessionAffinity: 'None',
    },
    status: { loadBalancer: {} },
  };
}

/**
 * The platform's own objects by the layer that brings them: storage class,
 * gateway, issuers, LB pool, Argo CD apps. A cluster built from nothing gets
 * them layer by layer; the demo clusters get them all at once.
 */
export const PLATFORM_OBJECTS_BY_LAYER: Partial<Record<LayerId, (store: ObjectStore, ctx: ClusterContext) => void>> = {
  /** CoreDNS answers behind kube-dns. */
  networking: (store: ObjectStore, ctx: ClusterContext) => {
    const at = ctx.installedAt;
    upsert(store, 'services', kubeDnsService(at));
  },
  /** MetalLB announces its pool; the Traefik Service is the LoadBalancer it serves first. */
  'internal-lb': (store: ObjectStore, ctx: ClusterContext) => {
    const at = ctx.installedAt;
    upsert(store, 'services', serviceObject('traefik', 'traefik', { 'app.kubernetes.io/name': 'traefik', 'app.kubernetes.io/instance': 'traefik' }, 8000, at, {}, 'LoadBalancer', '10.96.100.10'));
    const pool = lbPoolRange(ctx.index);
    upsert(store, 'ipaddresspools.metallb.io', {
      apiVersion: 'metallb.io/v1beta1',
      kind: 'IPAddressPool',
      metadata: { name: 'default-pool', namespace: 'metallb-system', creationTimestamp: at },
      spec: { addresses: [`${pool.first}-${pool.last}`], autoAssign: true, avoidBuggyIPs: false },
    });
    upsert(store, 'l2advertisements.metallb.io', {
      apiVersion: 'metallb.io/v1beta1',
      kind: 'L2Advertisement',
      metadata: { name: 'default', namespace: 'metallb-system', creationTimestamp: at },
      spec: { ipAddressPools: ['default-pool'] },
    });
  },
  /** Longhorn as the default storage class. */
  storage: (store: ObjectStore, ctx: ClusterContext) => {
    const at = ctx.installedAt;
    upsert(store, 'storageclasses.storage.k8s.io', {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'longhorn', creationTimestamp: at, annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'driver.longhorn.io',
      allowVolumeExpansion: true,
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'Immediate',
      parameters: { numberOfReplicas: '3', staleReplicaTimeout: '30', fsType: 'ext4', dataLocality: 'disabled' },
    });
  },
  /** ACME issuers, staging first. */
  security: (store: ObjectStore, ctx: ClusterContext) => {
    const at = ctx.installedAt;
    const domain = ctx.fleet.domain;
    for (const [name, server] of [
      ['letsencrypt-staging', 'https://acme-staging-v02.api.letsencrypt.org/directory'],
      ['letsencrypt-prod', 'https://acme-v02.api.letsencrypt.org/directory'],
    ]) {
      upsert(store, `clusterissuers.${CM}`, {
        apiVersion: `${CM}/v1`,
        kind: 'ClusterIssuer',
        metadata: { name, creationTimestamp: at },
        spec: {
          acme: {
            server,
            email: `platform-team@${domain}`,
            privateKeySecretRef: { name: `${name}-account-key` },
            solvers: [{ http01: { gatewayHTTPRoute: { parentRefs: [{ name: GATEWAY.name, namespace: GATEWAY.namespace, kind: 'Gateway' }] } } }],
          },
        },
      });
    }
  },
  /** The Gateway and its wildcard certificate. */
  ingress: (store: ObjectStore, ctx: ClusterContext) => {
    const at = ctx.installedAt;
    const domain = ctx.fleet.domain;
    upsert(store, `gatewayclasses.${GW}`, {
      apiVersion: `${GW}/v1`,
      kind: 'GatewayClass',
      metadata: { name: 'traefik', creationTimestamp: at },
      spec: { controllerName: 'traefik.io/gateway-controller' },
    });
    upsert(store, `gateways.${GW}`, {
      apiVersion: `${GW}/v1`,
      kind: 'Gateway',
      metadata: { name: GATEWAY.name, namespace: GATEWAY.namespace, creationTimestamp: at },
      spec: {
        gatewayClassName: 'traefik',
        listeners: [
          { name: 'http', protocol: 'HTTP', port: 8000, allowedRoutes: { namespaces: { from: 'All' } } },
          {
            name: 'https',
            protocol: 'HTTPS',
            port: 8443,
            hostname: `*.${domain}`,
            tls: { mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: WILDCARD_CERT.name }] },
            allowedRoutes: { namespaces: { from: 'All' } },
          },
        ],
      },
    });
    upsert(store, `certificates.${CM}`, certificate(WILDCARD_CERT.namespace, WILDCARD_CERT.name, [`*.${domain}`], 'letsencrypt-prod', at));
  },
  /** The platform add-ons as Argo CD Applications. */
  gitops: (store: ObjectStore, ctx: ClusterContext) => {
    for (const addon of PLATFORM_APPS) {
      upsert(store, 'applications.argoproj.io', argoApplication(ctx, addon.name, addon.namespace, `platform/${addon.name}`, addon.version, 'platform', isAutomated(ctx.spec, true)));
    }
  },
};

/** Every platform object at once, as on a cluster installed before the scenario starts. */
export function buildPlatformObjects(store: ObjectStore, ctx: ClusterContext): void {
  for (const build of Object.values(PLATFORM_OBJECTS_BY_LAYER)) build(store, ctx);
}

/**
 * An Argo CD Application as the platform's app-of-apps declares it, with the
 * repository layout the Argo CD API simulator uses; status comes from the
 * Argo CD controller.
 */
export function argoApplication(ctx: ClusterContext, name: string, namespace: string, path: string, revision: string, project: string, automated: boolean): KubeObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name,
      namespace: ARGOCD_NAMESPACE,
      creationTimestamp: ctx.installedAt,
      labels: { 'app.kubernetes.io/name': name, 'argocd.argoproj.io/instance': 'app-of-apps' },
      finalizers: ['resources-finalizer.argocd.argoproj.io'],
    },
    spec: {
      project,
      source: { repoURL: `https://gitlab.${ctx.fleet.domain}/platform/gitops-apps.git`, path, targetRevision: revision },
      destination: { server: 'https://kubernetes.default.svc', namespace },
      syncPolicy: { ...(automated ? { automated: { prune: true, selfHeal: true } } : {}), syncOptions: ['CreateNamespace=true', 'ServerSideApply=true'] },
    },
  };
}
