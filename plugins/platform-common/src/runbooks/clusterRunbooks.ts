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

/** The cluster itself: its API endpoint and VIP, control plane, nodes and certificates. */
export const CLUSTER_RUNBOOKS: readonly Runbook[] = [
  {
    id: 'kubernetes-api-unreachable',
    title: 'Kubernetes API Endpoint Unreachable',
    steps: [
      {
        text: 'From a machine on the management network, ask the API endpoint whether it answers and how (refused, timeout, TLS, 401/403)',
        commands: [
          'curl -sv --max-time 5 --cacert <ca.crt> https://<api-endpoint>:6443/readyz',
        ],
      },
      {
        text: 'Check that the name resolves to the VIP and that the port is open',
        commands: ['dig +short <api-endpoint>', 'nc -vz -w 5 <vip> 6443'],
      },
      {
        text: 'TLS: compare the certificate served with the CA the portal trusts',
        commands: [
          'openssl s_client -connect <vip>:6443 -servername <api-endpoint> </dev/null | openssl x509 -noout -issuer -subject -dates',
        ],
      },
      {
        text: '401/403: check the expiry and subject of the portal reader token configured for the cluster, and the API server audit log for its refusals',
        commands: [
          "cut -d. -f2 <<< \"$PORTAL_READER_TOKEN\" | tr '_-' '/+' | base64 -d 2>/dev/null | jq '{sub, exp}'",
          'ssh <control-plane-node> sudo grep portal-reader /var/log/kubernetes/audit.log | tail -20',
        ],
      },
    ],
  },
  {
    id: 'api-vip-failover',
    title: 'API VIP Down (HAProxy + Keepalived)',
    steps: [
      {
        text: 'Find which load-balancer node holds the VIP',
        commands: ['ssh <lb-node> ip -brief addr show | grep <vip>'],
      },
      {
        text: 'Check Keepalived and HAProxy on both load-balancer nodes',
        commands: [
          'ssh <lb-node> sudo systemctl status keepalived haproxy',
          'ssh <lb-node> sudo journalctl -u keepalived -u haproxy --since -1h',
        ],
      },
      {
        text: 'Check the HAProxy backends (the control-plane nodes on 6443)',
        commands: [
          "ssh <lb-node> 'echo show servers state | sudo socat stdio /run/haproxy/admin.sock'",
        ],
      },
      {
        text: 'If the MASTER is unhealthy, stop Keepalived on it so the BACKUP takes the VIP, then verify',
        commands: [
          'ssh <lb-node> sudo systemctl stop keepalived',
          'curl -sk --max-time 5 https://<vip>:6443/readyz',
        ],
      },
    ],
  },
  {
    id: 'control-plane-down',
    title: 'Control Plane Down',
    steps: [
      {
        text: 'On each control-plane node, check the kubelet and the static pods',
        commands: [
          'ssh <control-plane-node> sudo systemctl status kubelet',
          'ssh <control-plane-node> sudo crictl ps -a --name "kube-apiserver|etcd"',
        ],
      },
      {
        text: 'Ask the API server on the node itself, bypassing the VIP',
        commands: [
          'ssh <control-plane-node> curl -sk https://127.0.0.1:6443/livez?verbose',
        ],
      },
      {
        text: 'Check etcd quorum',
        commands: [
          'ssh <control-plane-node> sudo ETCDCTL_API=3 etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key endpoint health --cluster',
        ],
      },
      {
        text: 'Check the control-plane certificates and the API server log',
        commands: [
          'ssh <control-plane-node> sudo kubeadm certs check-expiration',
          'ssh <control-plane-node> sudo crictl logs --tail 100 $(sudo crictl ps -a -q --name kube-apiserver | head -1)',
        ],
      },
    ],
  },
  {
    id: 'add-worker-node',
    title: 'Adding a New Worker Node',
    steps: [
      {
        text: 'Provision VM with required specs (CPU, RAM, disk)',
        commands: [],
      },
      {
        text: 'Install OS and prerequisites (containerd, open-iscsi)',
        commands: [],
      },
      {
        text: 'Join the cluster',
        commands: [
          'kubeadm join <control-plane-endpoint>:6443 --token <token> --discovery-token-ca-cert-hash sha256:<hash>',
        ],
      },
      {
        text: 'Verify',
        commands: [
          'kubectl get nodes',
          'kubectl label node <new-node> node-role.kubernetes.io/worker=worker',
        ],
      },
      {
        text: 'Cilium auto-detects and programs eBPF',
        commands: [],
      },
      {
        text: 'Longhorn auto-detects and schedules replicas',
        commands: ['kubectl get pods -n longhorn-system'],
      },
    ],
  },
  {
    id: 'remove-node',
    title: 'Replacing a Failed Node',
    steps: [
      {
        text: 'Cordon the node',
        commands: ['kubectl cordon <failed-node>'],
      },
      {
        text: 'Drain the node',
        commands: [
          'kubectl drain <failed-node> --ignore-daemonsets --delete-emptydir-data',
        ],
      },
      {
        text: 'Remove from cluster',
        commands: ['kubectl delete node <failed-node>'],
      },
      {
        text: 'Longhorn rebuilds replicas; MetalLB reassigns IPs; HAProxy removes from pool',
        commands: [],
      },
      {
        text: 'Provision replacement and join',
        commands: [],
      },
    ],
  },
  {
    id: 'certificate-renewal-stuck',
    title: 'Certificate Expiry Emergency',
    steps: [
      {
        text: 'Check certificate status',
        commands: [
          'kubectl get certificates -A',
          'kubectl describe certificate <name> -n <namespace>',
        ],
      },
      {
        text: 'Force re-issuance if stuck',
        commands: [
          'kubectl delete certificaterequest <request-name> -n <namespace>',
        ],
      },
      {
        text: 'Verify renewal',
        commands: [
          "kubectl get secret <tls-secret> -o jsonpath='{.data.tls\\.crt}' | base64 -d | openssl x509 -noout -dates",
        ],
      },
    ],
  },
];
