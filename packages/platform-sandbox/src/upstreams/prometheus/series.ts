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

import { ClusterSpec } from '../../scenario/types';
import { isAutomated, PLATFORM_APPS } from '../argocd/assumptions';
import { argoInstance } from '../argocd/registry';
import { haproxyBackends, keepalivedNodes, VRRP_STATE_NUMBER } from '../externalLb/loadBalancers';
import { stableInt } from '../shared/ids';
import { controlPlaneNodes, workerNodes } from '../telemetry/nodes';
import { UpstreamContext } from '../types';
import { CERT_LIFETIME_DAYS, LONGHORN_ROBUSTNESS, SCRAPE_INTERVAL_MS } from './assumptions';
import { containerMemorySeries } from './containerSeries';

export type Labels = Record<string, string>;

/**
 * A gauge has a value; a counter grows at `value` per second from the epoch
 * (from its last restart when `resetEveryMs` is set: the exporting process
 * restarts on that period and the counter starts again at zero). A gauge
 * that `tracksTime` holds `value` plus the Unix time in seconds.
 */
export interface SeriesDef {
  labels: Labels;
  type: 'gauge' | 'counter';
  value: number;
  resetEveryMs?: number;
  tracksTime?: boolean;
}

export const METRIC_HELP: Record<string, string> = {
  up: 'Whether the scrape target is up.',
  node_memory_MemTotal_bytes: 'Memory information field MemTotal_bytes.',
  node_memory_MemAvailable_bytes: 'Memory information field MemAvailable_bytes.',
  node_filesystem_size_bytes: 'Filesystem size in bytes.',
  node_filesystem_avail_bytes: 'Filesystem space available to non-root users in bytes.',
  kube_node_status_condition: 'The condition of a cluster node.',
  kube_node_spec_unschedulable: 'Whether a node can schedule new pods.',
  kube_daemonset_status_number_ready: 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.',
  kube_daemonset_status_desired_number_scheduled: 'The number of nodes that should be running the daemon pod.',
  kube_deployment_status_replicas_available: 'The number of available replicas per deployment.',
  longhorn_volume_robustness: 'Robustness of this volume: 0=unknown, 1=healthy, 2=degraded, 3=faulted',
  certmanager_certificate_ready_status: 'The ready status of the certificate.',
  certmanager_certificate_expiration_timestamp_seconds: 'The date after which the certificate expires. Expressed as a Unix Epoch Time.',
  argocd_app_info: 'Information about application.',
  traefik_entrypoint_requests_total: 'How many HTTP requests processed on an entrypoint, partitioned by status code, protocol, and method.',
  traefik_service_requests_total: 'How many HTTP requests processed on a service, partitioned by status code, protocol, and method.',
  metallb_allocator_addresses_in_use_total: 'Number of IP addresses in use, per pool',
  metallb_allocator_addresses_total: 'Number of usable IP addresses, per pool',
  haproxy_server_status: 'Current status of the server.',
  keepalived_vrrp_state: 'State of vrrp',
  traefik_service_request_duration_seconds_bucket: 'How long it took to process the request on a service, partitioned by status code, protocol, and method.',
  traefik_service_request_duration_seconds_count: 'How long it took to process the request on a service, partitioned by status code, protocol, and method.',
  process_cpu_seconds_total: 'Total user and system CPU time spent in seconds.',
  container_memory_working_set_bytes: 'Current working set of the container in bytes',
};

const GIB = 1024 ** 3;
const DURATION_BUCKETS: Array<[string, number]> = [['0.1', 6], ['0.3', 9], ['1.2', 11], ['5', 11.5], ['+Inf', 12]];
const TRAEFIK_RESTART_EVERY_MS = 240_000;
const DAY_S = 86_400;

/**
 * Every series of one cluster as its exporters would report them now,
 * following the cluster's faults. Label names follow upstream exporters.
 */
export function clusterSeries(ctx: UpstreamContext, cluster: ClusterSpec, fleetIndex: number): SeriesDef[] {
  const out: SeriesDef[] = [];
  const faults = ctx.control.faults(cluster.name);
  const has = (id: string) => faults.find(f => f.id === id);
  const gauge = (name: string, labels: Labels, value: number) =>
    out.push({ labels: { __name__: name, cluster: cluster.name, ...labels }, type: 'gauge', value });
  const counter = (name: string, labels: Labels, ratePerSecond: number, resetEveryMs?: number) =>
    out.push({ labels: { __name__: name, cluster: cluster.name, ...labels }, type: 'counter', value: ratePerSecond, ...(resetEveryMs ? { resetEveryMs } : {}) });
  const timestampGauge = (name: string, labels: Labels, secondsFromNow: number) =>
    out.push({ labels: { __name__: name, cluster: cluster.name, ...labels }, type: 'gauge', value: secondsFromNow, tracksTime: true });

  const cps = controlPlaneNodes(cluster);
  const workers = workerNodes(cluster);
  const nodes = [...cps, ...workers];
  const ip = (node: string) => `10.${10 + (fleetIndex % 200)}.1.${nodes.indexOf(node) + 10}`;

  const notReady = new Set<string>();
  const nodeFault = has('node-not-ready');
  if (nodeFault) notReady.add(nodeFault.target ?? workers[workers.length - 1]);
  if (has('control-plane-degraded')) notReady.add(cps[cps.length - 1]);
  const pressureFault = has('node-memory-pressure');
  const pressured = pressureFault ? pressureFault.target ?? workers[0] : undefined;

  const scrapeDown = faults.filter(f => f.id === 'scrape-target-down').map(f => f.target ?? 'node-exporter');
  const jobDown = (job: string) => scrapeDown.includes(job);

  // Scrape health.
  for (const node of cps) gauge('up', { job: 'apiserver', instance: `${ip(node)}:6443` }, notReady.has(node) || jobDown('apiserver') ? 0 : 1);
  for (const node of nodes) {
    gauge('up', { job: 'node-exporter', instance: `${ip(node)}:9100`, node }, jobDown('node-exporter') ? 0 : 1);
    gauge('up', { job: 'kubelet', instance: `${ip(node)}:10250`, node }, notReady.has(node) || jobDown('kubelet') ? 0 : 1);
  }
  const singletons: Array<[string, string, boolean]> = [
    ['kube-state-metrics', 'monitoring', false],
    ['argocd-metrics', 'argocd', false],
    ['traefik', 'traefik', false],
    ['cert-manager', 'cert-manager', false],
    ['dex', 'dex', Boolean(has('dex-down'))],
    ['loki', 'monitoring', Boolean(has('loki-not-ready'))],
  ];
  for (const [job, namespace, down] of singletons) {
    gauge('up', { job, namespace, instance: `${job}.${namespace}.svc:8080` }, down || jobDown(job) ? 0 : 1);
  }

  // node-exporter: series vanish while its scrape fails.
  if (!jobDown('node-exporter')) {
    for (const node of nodes) {
      const size = cps.includes(node) ? cluster.controlPlaneNode : cluster.workerNode;
      const instance = `${ip(node)}:9100`;
      const base = { job: 'node-exporter', instance, node };
      const total = size.memoryGiB * GIB;
      const share = node === pressured ? 0.03 : 0.45 + stableInt(30, node, 'mem') / 100;
      gauge('node_memory_MemTotal_bytes', base, total);
      gauge('node_memory_MemAvailable_bytes', base, Math.round(total * share));
      const root = { ...base, device: '/dev/sda1', fstype: 'ext4', mountpoint: '/' };
      gauge('node_filesystem_size_bytes', root, size.diskGiB * GIB);
      gauge('node_filesystem_avail_bytes', root, Math.round(size.diskGiB * GIB * (0.4 + stableInt(40, node, 'disk') / 100)));
      if (workers.includes(node)) {
        const data = { ...base, device: '/dev/sdb', fstype: 'ext4', mountpoint: '/var/lib/longhorn' };
        gauge('node_filesystem_size_bytes', data, 4096 * GIB);
        gauge('node_filesystem_avail_bytes', data, Math.round(4096 * GIB * (0.5 + stableInt(30, node, 'lh') / 100)));
      }
    }
  }

  // kube-state-metrics: one series per condition status, value 1 on the current one.
  const ksm = { job: 'kube-state-metrics', namespace: 'monitoring' };
  for (const node of nodes) {
    const conditions: Record<string, 'true' | 'false' | 'unknown'> = {
      Ready: notReady.has(node) ? 'unknown' : 'true',
      MemoryPressure: node === pressured ? 'true' : 'false',
      DiskPressure: 'false',
      PIDPressure: 'false',
      NetworkUnavailable: 'false',
    };
    for (const [condition, current] of Object.entries(conditions)) {
      for (const status of ['true', 'false', 'unknown']) {
        gauge('kube_node_status_condition', { ...ksm, node, condition, status }, status === current ? 1 : 0);
      }
    }
    gauge('kube_node_spec_unschedulable', { ...ksm, node }, 0);
  }
  const daemonSets: Array<[string, string, number, number]> = [
    ['cilium', 'kube-system', nodes.length, has('cilium-agent-crashloop') ? nodes.length - 1 : nodes.length],
    ['longhorn-manager', 'longhorn-system', workers.length, workers.length],
    ['speaker', 'metallb-system', nodes.length, nodes.length],
    ['node-exporter', 'monitoring', nodes.length, nodes.length],
  ];
  for (const [daemonset, namespace, desired, ready] of daemonSets) {
    gauge('kube_daemonset_status_desired_number_scheduled', { ...ksm, namespace, daemonset }, desired);
    gauge('kube_daemonset_status_number_ready', { ...ksm, namespace, daemonset }, ready);
  }

  const deployed = ctx.fleet.components.filter(c => c.deployments[cluster.name]);
  const degradedApps = faults.filter(f => f.id === 'argocd-app-degraded');
  const isDegraded = (app: string) => degradedApps.some(f => !f.target || f.target === app);
  for (const c of deployed) {
    gauge('kube_deployment_status_replicas_available', { ...ksm, namespace: c.namespace, deployment: c.name }, isDegraded(c.name) ? Math.max(0, c.replicas - 2) : c.replicas);
  }

  // Longhorn (pre-1.11 numeric robustness).
  const lh = { job: 'longhorn-manager', namespace: 'longhorn-system' };
  const volumes = deployed.map(c => ({ volume: `pvc-${c.name}-data`, pvc: `${c.name}-data`, ns: c.namespace }));
  for (const f of faults.filter(x => x.id.startsWith('longhorn-volume-') && x.target)) {
    if (!volumes.some(v => v.volume === f.target)) volumes.push({ volume: f.target!, pvc: f.target!.replace(/^pvc-/, ''), ns: deployed[0]?.namespace ?? 'default' });
  }
  volumes.forEach((v, i) => {
    const hit = (id: string) => faults.some(f => f.id === id && (f.target ? f.target === v.volume : i === 0));
    let robustness: number = LONGHORN_ROBUSTNESS.healthy;
    if (hit('longhorn-volume-degraded')) robustness = LONGHORN_ROBUSTNESS.degraded;
    if (hit('longhorn-volume-faulted')) robustness = LONGHORN_ROBUSTNESS.faulted;
    const node = workers[i % Math.max(1, workers.length)] ?? cps[0];
    gauge('longhorn_volume_robustness', { ...lh, node, volume: v.volume, pvc: v.pvc, pvc_namespace: v.ns }, robustness);
  });

  // cert-manager: the platform wildcard plus one certificate per exposed component.
  const certs = [{ name: 'wildcard-apps', namespace: 'traefik' }, ...deployed.filter(c => c.hostname).map(c => ({ name: `${c.name}-tls`, namespace: c.namespace }))];
  const issuerBroken = Boolean(has('clusterissuer-not-ready'));
  certs.forEach((cert, i) => {
    const stuck = faults.some(f => f.id === 'certificate-renewal-stuck' && (f.target ? f.target === cert.name : i === 0));
    const labels = { job: 'cert-manager', name: cert.name, namespace: cert.namespace, issuer_name: 'letsencrypt-prod', issuer_kind: 'ClusterIssuer', issuer_group: 'cert-manager.io' };
    const remainingDays = stuck ? 9 : 40 + stableInt(45, cluster.name, cert.name);
    const ready = issuerBroken && stuck ? 'False' : 'True';
    for (const condition of ['True', 'False', 'Unknown']) {
      gauge('certmanager_certificate_ready_status', { ...labels, condition }, condition === ready ? 1 : 0);
    }
    timestampGauge('certmanager_certificate_expiration_timestamp_seconds', labels, remainingDays * DAY_S);
    timestampGauge('certmanager_certificate_not_before_timestamp_seconds', labels, (remainingDays - CERT_LIFETIME_DAYS) * DAY_S);
  });

  // Argo CD application info, from the fleet and the gitops faults.
  const argo = { job: 'argocd-metrics', namespace: 'argocd', dest_server: 'https://kubernetes.default.svc', repo: `https://gitlab.${ctx.fleet.domain}/platform/gitops-apps.git` };
  const apps = [
    ...deployed.map(c => ({ name: c.name, project: c.namespace, dest: c.namespace, platform: false })),
    ...PLATFORM_APPS.map(a => ({ name: a.name, project: 'platform', dest: a.namespace, platform: true })),
  ];
  const instance = argoInstance(ctx.control, cluster.name);
  for (const app of apps) {
    const hit = (id: string) => faults.some(f => f.id === id && (!f.target || f.target === app.name));
    // Once Argo CD has been asked about this cluster, its own state (after syncs and rollbacks) wins.
    const live = instance?.apps.get(app.name);
    const nowMs = ctx.clock.now().getTime();
    gauge('argocd_app_info', {
      ...argo,
      name: app.name,
      project: app.project,
      dest_namespace: app.dest,
      autosync_enabled: String(live ? live.automated : isAutomated(cluster, app.platform)),
      sync_status: live ? instance!.syncStatus(live, nowMs) : syncFromFaults(hit),
      health_status: live ? instance!.health(live, nowMs).status : healthFromFaults(hit),
      operation: live?.operation?.phase === 'Running' ? live.operation.kind : '',
    }, 1);
  }

  // Traefik request counters; a missing HTTPRoute backend turns a service's traffic into 500s.
  const tr = { job: 'traefik', protocol: 'http', method: 'GET' };
  counter('traefik_entrypoint_requests_total', { ...tr, entrypoint: 'websecure', code: '200' }, 40);
  counter('traefik_entrypoint_requests_total', { ...tr, entrypoint: 'web', code: '308' }, 2);
  for (const c of deployed.filter(x => x.hostname)) {
    const missing = faults.some(f => f.id === 'httproute-backend-missing' && (!f.target || f.target === c.name));
    const service = `${c.namespace}-${c.name}-80@kubernetesgateway`;
    counter('traefik_service_requests_total', { ...tr, service, code: '200' }, missing ? 0 : 12);
    counter('traefik_service_requests_total', { ...tr, service, code: '500' }, missing ? 12 : 0.01);
    if (!missing) {
      // Cumulative request-duration buckets of the 200s (12 per second in all).
      for (const [le, perSecond] of DURATION_BUCKETS) {
        counter('traefik_service_request_duration_seconds_bucket', { ...tr, service, code: '200', le }, perSecond);
      }
      counter('traefik_service_request_duration_seconds_count', { ...tr, service, code: '200' }, 12);
    }
  }
  // Traefik's process restarts on a fixed period, so its CPU counter resets.
  counter('process_cpu_seconds_total', { job: 'traefik', namespace: 'traefik' }, 0.5, TRAEFIK_RESTART_EVERY_MS);

  // MetalLB address pool.
  const poolSize = 20;
  const exhausted = Boolean(has('metallb-pool-exhausted'));
  gauge('metallb_allocator_addresses_total', { job: 'metallb-controller', pool: 'default' }, poolSize);
  gauge('metallb_allocator_addresses_in_use_total', { job: 'metallb-controller', pool: 'default' }, exhausted ? poolSize : 4 + stableInt(6, cluster.name));

  // External load balancers, scraped through their exporters.
  for (const backend of haproxyBackends(cluster, fleetIndex, ctx.control)) {
    for (const server of backend.servers) {
      for (const state of ['UP', 'DOWN', 'MAINT', 'DRAIN', 'NOLB']) {
        gauge('haproxy_server_status', { job: 'haproxy', proxy: `${backend.name}-be`, server: server.name, state }, server.state === state ? 1 : 0);
      }
    }
  }
  for (const node of keepalivedNodes(cluster, fleetIndex, ctx.control)) {
    gauge('keepalived_vrrp_state', { job: 'keepalived', instance: `${node.host}:9165`, iname: node.instance, intf: node.interface, vrid: String(node.vrid), ip_address: node.vip }, VRRP_STATE_NUMBER[node.state]);
  }
  out.push(...containerMemorySeries(ctx, cluster));
  return out;
}

function syncFromFaults(hit: (id: string) => boolean): string {
  return hit('argocd-app-out-of-sync') || hit('argocd-sync-failed') ? 'OutOfSync' : 'Synced';
}

function healthFromFaults(hit: (id: string) => boolean): string {
  return hit('argocd-app-degraded') ? 'Degraded' : 'Healthy';
}

/** Every series of the fleet. */
export function fleetSeries(ctx: UpstreamContext): SeriesDef[] {
  return ctx.fleet.clusters.flatMap((cluster, i) => clusterSeries(ctx, cluster, i));
}

/** A series' value at a time: gauges are flat, counters grow linearly. */
export function valueAt(series: SeriesDef, atMs: number): number {
  if (series.type === 'counter') {
    const since = series.resetEveryMs ? atMs % series.resetEveryMs : atMs;
    // Multiplying before dividing keeps integer rates exact, so differences between samples are exact too.
    return Math.floor((series.value * since) / 1000);
  }
  return series.tracksTime ? series.value + Math.floor(atMs / 1000) : series.value;
}

/**
 * The instant of the last sample at or before `atMs`: the series are sampled
 * every SCRAPE_INTERVAL_MS, on multiples of it since the epoch.
 */
export function sampleTime(atMs: number): number {
  return Math.floor(atMs / SCRAPE_INTERVAL_MS) * SCRAPE_INTERVAL_MS;
}
