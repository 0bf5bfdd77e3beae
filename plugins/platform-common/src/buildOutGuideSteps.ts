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

import { LayerId } from './layers';

/**
 * How a build-out step is verified: by the portal, or by a person's word.
 *
 * @public
 */
export type BuildOutVerification = 'automatic' | 'attestation';

/** A step as the guide's table lists it. */
export type BuildOutStepRow = [
  number: number,
  action: string,
  guideVerification: string,
  layer: LayerId,
  verification: BuildOutVerification,
];

/**
 * The guide's 50 build-out steps (section 11), one row each: number, action,
 * the guide's verification, layer, how the portal verifies it.
 */
export const BUILD_OUT_STEP_ROWS: readonly BuildOutStepRow[] = [
  [
    1,
    'Provision VMs: 3 control plane, 3+ workers, 2 LB nodes',
    'ping all nodes; SSH access works',
    'hardware',
    'automatic',
  ],
  [
    2,
    'Install OS (Ubuntu 22.04 LTS or RHEL 9)',
    'cat /etc/os-release',
    'hardware',
    'automatic',
  ],
  [
    3,
    'Configure networking: static IPs, DNS, NTP',
    'ip addr, nslookup google.com, timedatectl',
    'hardware',
    'attestation',
  ],
  [
    4,
    'Prepare storage: mount raw disks for Longhorn',
    'lsblk shows unused disks',
    'hardware',
    'automatic',
  ],
  [
    5,
    'Install prerequisites: containerd, open-iscsi, nfs-common',
    'systemctl status containerd',
    'hardware',
    'automatic',
  ],
  [
    6,
    'Choose provisioning tool (Kubeadm / RKE2 / CAPI)',
    'Document the decision',
    'provisioning',
    'attestation',
  ],
  [
    7,
    'Bootstrap control plane nodes',
    'kubectl get nodes shows control planes Ready',
    'provisioning',
    'automatic',
  ],
  [
    8,
    'Join worker nodes',
    'All workers show Ready',
    'provisioning',
    'automatic',
  ],
  [
    9,
    'Install Cilium CNI',
    'Pods communicate across nodes; Hubble UI works',
    'networking',
    'automatic',
  ],
  [
    10,
    'Verify CoreDNS',
    'nslookup kubernetes.default from a pod',
    'networking',
    'automatic',
  ],
  [
    11,
    'Install metrics-server',
    'kubectl top nodes returns data',
    'observability',
    'automatic',
  ],
  [
    12,
    'Install MetalLB',
    'kubectl get pods -n metallb-system all Running',
    'internal-lb',
    'automatic',
  ],
  [
    13,
    'Configure IPAddressPool and advertisement',
    'kubectl get ipaddresspool',
    'internal-lb',
    'automatic',
  ],
  [
    14,
    'Test LoadBalancer service',
    'EXTERNAL-IP assigned and reachable',
    'internal-lb',
    'automatic',
  ],
  [
    15,
    'Configure HAProxy + Keepalived',
    'VIP responds; failover works',
    'external-lb',
    'automatic',
  ],
  [
    16,
    'Point DNS to VIP',
    'nslookup apps.company.com resolves to VIP',
    'external-lb',
    'attestation',
  ],
  [
    17,
    'Install Longhorn',
    'kubectl get pods -n longhorn-system all Running',
    'storage',
    'automatic',
  ],
  [
    18,
    'Verify StorageClass',
    'kubectl get sc shows longhorn',
    'storage',
    'automatic',
  ],
  [
    19,
    'Test PVC provisioning',
    'Volume binds, pod mounts, data persists',
    'storage',
    'automatic',
  ],
  [
    20,
    'Install Cert-Manager',
    'kubectl get pods -n cert-manager all Running',
    'security',
    'automatic',
  ],
  [
    21,
    'Create ClusterIssuer (staging)',
    'kubectl describe clusterissuer shows Ready',
    'security',
    'automatic',
  ],
  [
    22,
    'Test certificate issuance',
    'Secret created successfully',
    'security',
    'automatic',
  ],
  [
    23,
    'Switch to production issuer',
    'Valid Let’s Encrypt cert issued',
    'security',
    'automatic',
  ],
  [
    24,
    'Install Traefik',
    'kubectl get pods -n traefik all Running',
    'ingress',
    'automatic',
  ],
  [
    25,
    'Configure GatewayClass',
    'kubectl get gatewayclass shows traefik',
    'ingress',
    'automatic',
  ],
  [
    26,
    'Test Gateway + HTTPRoute',
    'Traffic reaches backend via standard ports',
    'ingress',
    'automatic',
  ],
  [
    27,
    'Integrate Cert-Manager with Gateway',
    'HTTPS works with valid certificate',
    'ingress',
    'automatic',
  ],
  [
    28,
    'Install Nexus Repository',
    'Web UI accessible',
    'artifacts',
    'automatic',
  ],
  [
    29,
    'Configure Docker registry',
    'docker push and docker pull work',
    'artifacts',
    'automatic',
  ],
  [
    30,
    'Configure Helm repository',
    'helm push and helm install work',
    'artifacts',
    'automatic',
  ],
  [
    31,
    'Configure proxy repositories',
    'External packages cache successfully',
    'artifacts',
    'automatic',
  ],
  [
    32,
    'Install Dex',
    'kubectl get pods -n dex all Running',
    'identity',
    'automatic',
  ],
  [
    33,
    'Configure LDAP/Okta/Azure AD connector',
    'Dex logs show successful binds',
    'identity',
    'attestation',
  ],
  [
    34,
    'Configure API server OIDC flags',
    'Control plane restarted',
    'identity',
    'automatic',
  ],
  [
    35,
    'Test authentication',
    'kubelogin obtains valid token',
    'identity',
    'attestation',
  ],
  [
    36,
    'Configure RBAC bindings',
    'Users in admin group have cluster-admin',
    'identity',
    'automatic',
  ],
  [
    37,
    'Install ArgoCD',
    'kubectl get pods -n argocd all Running',
    'gitops',
    'automatic',
  ],
  [
    38,
    'Configure GitLab repository access',
    'ArgoCD syncs from GitLab',
    'gitops',
    'automatic',
  ],
  [
    39,
    'Create first Application',
    'App syncs; resources created',
    'gitops',
    'automatic',
  ],
  [
    40,
    'Configure ApplicationSets',
    'Multi-environment deployment works',
    'gitops',
    'automatic',
  ],
  [
    41,
    'Install Prometheus / Mimir',
    'Targets page shows healthy scrapes',
    'observability',
    'automatic',
  ],
  [
    42,
    'Install Node Exporter + cAdvisor + kube-state-metrics',
    'Metrics appear in Prometheus',
    'observability',
    'automatic',
  ],
  [
    43,
    'Install Loki + Promtail',
    'Logs appear in Grafana Explore',
    'observability',
    'automatic',
  ],
  [
    44,
    'Install Tempo + OpenTelemetry Collector',
    'Traces appear in Grafana Explore',
    'observability',
    'automatic',
  ],
  [
    45,
    'Install Grafana',
    'UI accessible via HTTPS',
    'observability',
    'automatic',
  ],
  [
    46,
    'Configure data sources and dashboards',
    'Dashboards show live data',
    'observability',
    'automatic',
  ],
  [
    47,
    'Configure Alertmanager',
    'Test alerts reach Slack/PagerDuty',
    'observability',
    'automatic',
  ],
  [
    48,
    'Install GitLab Runners',
    'Runners register; jobs execute as pods',
    'cicd',
    'automatic',
  ],
  [
    49,
    'Configure pipeline stages',
    'All stages complete successfully',
    'cicd',
    'automatic',
  ],
  [
    50,
    'Test end-to-end GitOps flow',
    'Git push → CI builds → updates manifest → ArgoCD syncs → app deploys',
    'cicd',
    'automatic',
  ],
];
