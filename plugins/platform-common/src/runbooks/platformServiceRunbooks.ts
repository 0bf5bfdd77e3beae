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

import { Runbook } from './types';

/** The platform services on a cluster: storage, load balancing, ingress, network policy, observability and GitOps. */
export const PLATFORM_SERVICE_RUNBOOKS: readonly Runbook[] = [
  {
    id: 'longhorn-volume-degraded',
    title: 'Storage Volume Degraded',
    steps: [
      {
        text: 'Check Longhorn volumes',
        commands: ['kubectl get volumes -n longhorn-system'],
      },
      {
        text: 'Identify under-replicated volumes',
        commands: [],
      },
      {
        text: 'If node is down, wait or delete failed replica',
        commands: [],
      },
      {
        text: 'Monitor rebuild in Longhorn UI',
        commands: [],
      },
    ],
  },
  {
    id: 'metallb-ip-not-assigned',
    title: 'MetalLB IP Not Responding',
    steps: [
      {
        text: 'Check speaker pods',
        commands: [
          'kubectl get pods -n metallb-system',
          'kubectl logs -n metallb-system -l component=speaker',
        ],
      },
      {
        text: 'Verify IPAddressPool',
        commands: ['kubectl get ipaddresspool -n metallb-system -o yaml'],
      },
      {
        text: 'Check service EXTERNAL-IP',
        commands: ['kubectl get svc <service-name>'],
      },
      {
        text: 'For Layer 2: Check ARP table',
        commands: ['arp -a | grep <external-ip>'],
      },
      {
        text: 'For BGP: Check router peering status',
        commands: [],
      },
    ],
  },
  {
    id: 'traefik-not-routing',
    title: 'Traefik Gateway Not Routing',
    steps: [
      {
        text: 'Check Traefik pods',
        commands: [
          'kubectl get pods -n traefik',
          'kubectl logs -n traefik -l app=traefik',
        ],
      },
      {
        text: 'Verify GatewayClass',
        commands: ['kubectl get gatewayclass traefik -o yaml'],
      },
      {
        text: 'Check Gateway status',
        commands: ['kubectl get gateway external-gateway -n ingress -o yaml'],
      },
      {
        text: 'Verify HTTPRoute parentRefs',
        commands: ['kubectl get httproute <route-name> -n <namespace> -o yaml'],
      },
      {
        text: 'Check backend endpoints',
        commands: ['kubectl get endpoints <service-name> -n <namespace>'],
      },
    ],
  },
  {
    id: 'cilium-network-policy-drops',
    title: 'Cilium Network Policy Blocking Traffic',
    steps: [
      {
        text: 'Check Hubble for drops',
        commands: ['hubble observe --verdict DROPPED --namespace <namespace>'],
      },
      {
        text: 'Check policy rules',
        commands: ['kubectl get ciliumpolicies -n <namespace> -o yaml'],
      },
      {
        text: 'Verify pod labels',
        commands: ['kubectl get pods -n <namespace> --show-labels'],
      },
      {
        text: 'Temporarily allow all for debugging',
        commands: ['kubectl delete ciliumpolicy <policy-name> -n <namespace>'],
      },
      {
        text: 'Check Cilium agent logs',
        commands: ['kubectl logs -n kube-system -l app=cilium'],
      },
    ],
  },
  {
    id: 'observability-component-down',
    title: 'Observability Stack Down',
    steps: [
      {
        text: 'Check component health',
        commands: ['kubectl get pods -n observability'],
      },
      {
        text: 'Check resources',
        commands: ['kubectl top pods -n observability'],
      },
      {
        text: 'Check PVC status',
        commands: ['kubectl get pvc -n observability'],
      },
      {
        text: 'If OOMKilled, increase limits',
        commands: [
          'kubectl patch statefulset mimir -n observability --type=\'json\' -p=\'[{"op": "replace", "path": "/spec/template/spec/containers/0/resources/limits/memory", "value":"8Gi"}]\'',
        ],
      },
      {
        text: 'Check Prometheus targets',
        commands: [
          'kubectl port-forward svc/prometheus -n observability 9090:9090',
        ],
      },
    ],
  },
  {
    id: 'argocd-sync-failure',
    title: 'GitOps Sync Failure',
    steps: [
      {
        text: 'Check application status',
        commands: ['argocd app get <app-name>'],
      },
      {
        text: 'View sync errors',
        commands: ['argocd app sync <app-name> --dry-run'],
      },
      {
        text: 'Check for resource conflicts',
        commands: ['kubectl get events -n <app-namespace>'],
      },
      {
        text: 'Check for drift',
        commands: ['argocd app diff <app-name>'],
      },
      {
        text: 'Force sync if needed',
        commands: ['argocd app sync <app-name> --force'],
      },
    ],
  },
  {
    id: 'etcd-backup-stale',
    title: 'etcd Backup Missing or Stale',
    steps: [
      {
        text: 'Find the latest successful snapshot',
        commands: [
          'kubectl get cronjobs,jobs -n kube-system -l app.kubernetes.io/name=etcd-snapshot',
          'rke2 etcd-snapshot ls',
        ],
      },
      {
        text: 'Read why the latest run failed',
        commands: [
          'kubectl describe job <job> -n kube-system',
          'kubectl logs job/<job> -n kube-system',
          'kubectl get etcdsnapshotfiles -o wide',
        ],
      },
      {
        text: 'Take a snapshot now on a control-plane node',
        commands: [
          'ETCDCTL_API=3 etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key snapshot save /var/backups/etcd/snapshot-$(date +%Y%m%dT%H%M).db',
          'rke2 etcd-snapshot save',
        ],
      },
      {
        text: 'Verify the snapshot and copy it off the node',
        commands: [
          'etcdutl snapshot status /var/backups/etcd/<snapshot>.db -w table',
        ],
      },
    ],
  },
];
