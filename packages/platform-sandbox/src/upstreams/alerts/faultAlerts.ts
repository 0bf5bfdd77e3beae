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

import { FaultId, FAULT_LAYERS, LayerId } from '../../scenario/types';

export type Severity = 'critical' | 'warning';

export interface FaultAlertRule {
  alertname: string;
  severity: Severity;
  summary: string;
  /** Runbook from the platform guide, when one applies. */
  runbook?: string;
  /** PromQL a real rule would evaluate; shown in rule listings. */
  expr: string;
}

/**
 * The alert rule that fires for each fault. Names and expressions follow the
 * usual kube-prometheus / exporter rules; runbooks are the guide's.
 */
export const FAULT_ALERT_RULES: Record<FaultId, FaultAlertRule> = {
  'node-not-ready': { alertname: 'KubeNodeNotReady', severity: 'critical', summary: 'Node is not ready', runbook: 'add-worker-node', expr: 'kube_node_status_condition{condition="Ready",status="true"} == 0' },
  'node-memory-pressure': { alertname: 'KubeNodeMemoryPressure', severity: 'warning', summary: 'Node has memory pressure', expr: 'kube_node_status_condition{condition="MemoryPressure",status="true"} == 1' },
  'control-plane-degraded': { alertname: 'KubeControlPlaneDegraded', severity: 'critical', summary: 'Control plane has fewer ready replicas than desired', expr: 'sum(up{job="apiserver"}) < 3' },
  'etcd-snapshot-failing': { alertname: 'KubeJobFailed', severity: 'warning', summary: 'Job failed to complete', runbook: 'etcd-backup-stale', expr: 'kube_job_failed{job_name=~"etcd-snapshot-.*",namespace="kube-system"} > 0' },
  'cilium-agent-crashloop': { alertname: 'CiliumAgentNotReady', severity: 'critical', summary: 'Cilium agent DaemonSet is not fully ready', runbook: 'cilium-network-policy-drops', expr: 'kube_daemonset_status_number_ready{daemonset="cilium"} < kube_daemonset_status_desired_number_scheduled{daemonset="cilium"}' },
  'haproxy-backend-down': { alertname: 'HAProxyServerDown', severity: 'critical', summary: 'HAProxy backend server is DOWN', expr: 'haproxy_server_status{state="DOWN"} == 1' },
  'keepalived-split-brain': { alertname: 'KeepalivedSplitBrain', severity: 'critical', summary: 'More than one Keepalived MASTER for a VIP', expr: 'count by (iname) (keepalived_vrrp_state == 2) > 1' },
  'keepalived-fault': { alertname: 'KeepalivedFault', severity: 'critical', summary: 'Keepalived instance in FAULT state', expr: 'keepalived_vrrp_state == 3' },
  'metallb-pool-exhausted': { alertname: 'MetalLBAddressPoolExhausted', severity: 'warning', summary: 'MetalLB address pool has no free addresses', runbook: 'metallb-ip-not-assigned', expr: 'metallb_allocator_addresses_in_use_total >= metallb_allocator_addresses_total' },
  'httproute-backend-missing': { alertname: 'HTTPRouteBackendNotFound', severity: 'warning', summary: 'HTTPRoute references a missing backend', runbook: 'traefik-not-routing', expr: 'sum by (service) (rate(traefik_service_requests_total{code=~"5.."}[5m])) > 0' },
  'gateway-not-programmed': { alertname: 'GatewayNotProgrammed', severity: 'critical', summary: 'Gateway is not programmed', runbook: 'traefik-not-routing', expr: 'gatewayapi_gateway_status{type="Programmed"} == 0' },
  'longhorn-volume-degraded': { alertname: 'LonghornVolumeDegraded', severity: 'warning', summary: 'Longhorn volume is degraded', runbook: 'longhorn-volume-degraded', expr: 'longhorn_volume_robustness == 2' },
  'longhorn-volume-faulted': { alertname: 'LonghornVolumeFaulted', severity: 'critical', summary: 'Longhorn volume is faulted', runbook: 'longhorn-volume-degraded', expr: 'longhorn_volume_robustness == 3' },
  'longhorn-volume-no-backup': { alertname: 'LonghornVolumeWithoutBackup', severity: 'warning', summary: 'Longhorn volume has data but no completed backup', runbook: 'longhorn-backup-missing', expr: 'count by (volume) (longhorn_volume_actual_size_bytes > 0) unless count by (volume) (longhorn_backup_state == 3)' },
  'certificate-renewal-stuck': { alertname: 'CertManagerCertificateRenewalStuck', severity: 'warning', summary: 'Certificate is inside its renewal window and not renewed', runbook: 'certificate-renewal-stuck', expr: 'certmanager_certificate_expiration_timestamp_seconds - time() < 30 * 86400' },
  'clusterissuer-not-ready': { alertname: 'CertManagerClusterIssuerNotReady', severity: 'critical', summary: 'ClusterIssuer is not ready', runbook: 'certificate-renewal-stuck', expr: 'certmanager_clusterissuer_ready_status{condition="False"} == 1' },
  'dex-down': { alertname: 'DexDown', severity: 'critical', summary: 'Dex is not answering', expr: 'up{job="dex"} == 0' },
  'unexpected-cluster-admin': { alertname: 'UnexpectedClusterAdminBinding', severity: 'warning', summary: 'Unexpected cluster-admin ClusterRoleBinding', expr: 'kube_clusterrolebinding_info{clusterrole="cluster-admin"} unless on (clusterrolebinding) kube_clusterrolebinding_labels{label_platform_allowed="true"}' },
  'nexus-not-writable': { alertname: 'NexusNotWritable', severity: 'critical', summary: 'Nexus is in read-only mode', expr: 'probe_success{job="nexus-writable"} == 0' },
  'nexus-blobstore-full': { alertname: 'NexusBlobStoreFull', severity: 'critical', summary: 'Nexus blob store is out of space', expr: 'nexus_blobstore_available_space_bytes < 1e9' },
  'argocd-app-out-of-sync': { alertname: 'ArgoCdAppOutOfSync', severity: 'warning', summary: 'Argo CD application is OutOfSync', runbook: 'argocd-sync-failure', expr: 'argocd_app_info{sync_status="OutOfSync"} == 1' },
  'argocd-app-degraded': { alertname: 'ArgoCdAppDegraded', severity: 'critical', summary: 'Argo CD application is Degraded', runbook: 'argocd-sync-failure', expr: 'argocd_app_info{health_status="Degraded"} == 1' },
  'argocd-sync-failed': { alertname: 'ArgoCdSyncFailed', severity: 'critical', summary: 'Argo CD sync operation failed', runbook: 'argocd-sync-failure', expr: 'increase(argocd_app_sync_total{phase="Failed"}[10m]) > 0' },
  'gitlab-runner-offline': { alertname: 'GitLabRunnerOffline', severity: 'warning', summary: 'GitLab runner is offline', expr: 'gitlab_runner_online == 0' },
  'pipeline-failing': { alertname: 'GitLabPipelineFailing', severity: 'warning', summary: 'Default-branch pipelines are failing', expr: 'gitlab_ci_pipeline_status{ref="main",status="failed"} == 1' },
  'scrape-target-down': { alertname: 'TargetDown', severity: 'warning', summary: 'Scrape target is down', runbook: 'observability-component-down', expr: 'up == 0' },
  'loki-not-ready': { alertname: 'LokiNotReady', severity: 'critical', summary: 'Loki is not ready', runbook: 'observability-component-down', expr: 'up{job="loki"} == 0' },
};

export function layerOf(id: FaultId): LayerId {
  return FAULT_LAYERS[id];
}
