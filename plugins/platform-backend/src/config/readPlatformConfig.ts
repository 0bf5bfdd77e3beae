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

import { X509Certificate } from 'node:crypto';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** @public */
export type ClusterProvisioner = 'cluster-api' | 'kubeadm' | 'rke2';

/** A cluster as configured; the token never leaves the backend. */
export interface ConfiguredCluster {
  name: string;
  provisioner: ClusterProvisioner;
  environment?: string;
  region?: string;
  management: boolean;
  managementCluster?: string;
  kubernetes: {
    url: string;
    token?: string;
    /** PEM of the CA that signed the API server's certificate. */
    caData?: string;
    skipTLSVerify?: boolean;
  };
}

/** An upstream's base URL and credentials; `{cluster}` in a URL is replaced per cluster. */
export interface UpstreamConfig {
  url: string;
  token?: string;
  username?: string;
  password?: string;
  tenant?: string;
}

export type UpstreamId =
  | 'haproxy'
  | 'keepalived'
  | 'dex'
  | 'nexus'
  | 'gitlab'
  | 'prometheus'
  | 'alertmanager'
  | 'grafana'
  | 'argocd';

export const UPSTREAM_IDS: UpstreamId[] = [
  'haproxy',
  'keepalived',
  'dex',
  'nexus',
  'gitlab',
  'prometheus',
  'alertmanager',
  'grafana',
  'argocd',
];

export interface HealthSettings {
  refreshIntervalSeconds: number;
  /** Clusters refreshed at the same time. */
  concurrency: number;
  /** Checks running at the same time on one cluster. */
  perClusterConcurrency: number;
  /** Upstream requests of one refresh on the wire at once, overall. */
  maxRequestsInFlight: number;
  /** The same, on any one cluster. */
  maxRequestsInFlightPerCluster: number;
  /** Older results are served as stale. */
  staleAfterSeconds: number;
  /** Verdict changes older than this are removed. */
  historyDays: number;
}

export interface PlatformConfig {
  simulated: boolean;
  sandboxControlUrl?: string;
  /** Clusters whose Kubernetes API is real in a simulated fleet. */
  realKubernetes: string[];
  clusters: ConfiguredCluster[];
  upstreams: Partial<Record<UpstreamId, UpstreamConfig>>;
  resilience: {
    timeoutMs?: number;
    maxRetries?: number;
    breakerFailures?: number;
    halfOpenAfterMs?: number;
    maxResponseBytes?: number;
    maxListPages?: number;
  };
  health: HealthSettings;
  entityPages: {
    /** Seconds an upstream answer for an entity page is shared by all viewers. */
    cacheTtlSeconds: number;
  };
}

const PROVISIONERS: ClusterProvisioner[] = ['cluster-api', 'kubeadm', 'rke2'];

const PEM_CERTIFICATE =
  /-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g;

function parseCertificate(pem: string): X509Certificate {
  return new X509Certificate(pem);
}

/**
 * A cluster's CA bundle, checked at start-up: a CA that cannot be read would
 * otherwise only show as every layer of that cluster turning unknown.
 */
function readCaData(cluster: Config, key: string): string | undefined {
  const caData = cluster.getOptionalString('kubernetes.caData');
  if (caData === undefined) {
    return undefined;
  }
  const certificates = caData.match(PEM_CERTIFICATE) ?? [];
  if (certificates.length === 0) {
    throw new InputError(
      `Invalid config at ${key}: expected the PEM of the cluster's CA (-----BEGIN CERTIFICATE-----), as in the kubeconfig's certificate-authority-data after base64 decoding`,
    );
  }
  for (const pem of certificates) {
    try {
      parseCertificate(pem);
    } catch (error) {
      throw new InputError(
        `Invalid config at ${key}: a certificate in it cannot be read (${
          (error as Error).message
        })`,
      );
    }
  }
  return caData;
}
const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Reads and validates the `platform` config block at start-up, so that a
 * mistake stops the backend with a message naming the key instead of
 * surfacing later as a broken page.
 */
export function readPlatformConfig(config: Config): PlatformConfig {
  const simulated =
    config.getOptionalBoolean('platform.sandbox.enabled') ?? false;
  const sandboxControlUrl = config.getOptionalString(
    'platform.sandbox.controlUrl',
  );
  const realKubernetes =
    config.getOptionalStringArray('platform.sandbox.realKubernetes') ?? [];
  const clusterConfigs =
    config.getOptionalConfigArray('platform.clusters') ?? [];
  const seen = new Set<string>();

  const clusters = clusterConfigs.map((cluster, index) => {
    const key = `platform.clusters[${index}]`;
    const name = cluster.getString('name');
    if (!DNS_1123_LABEL.test(name) || name.length > 63) {
      throw new InputError(
        `Invalid config at ${key}.name: '${name}' is not a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters)`,
      );
    }
    if (seen.has(name)) {
      throw new InputError(
        `Invalid config at ${key}.name: cluster '${name}' is listed twice`,
      );
    }
    seen.add(name);
    const provisioner = cluster.getString('provisioner');
    if (!PROVISIONERS.includes(provisioner as ClusterProvisioner)) {
      throw new InputError(
        `Invalid config at ${key}.provisioner: '${provisioner}' is not one of ${PROVISIONERS.join(
          ', ',
        )}`,
      );
    }
    const url = cluster.getString('kubernetes.url');
    if (!/^https?:\/\//.test(url)) {
      throw new InputError(
        `Invalid config at ${key}.kubernetes.url: '${url}' is not an http(s) URL`,
      );
    }
    return {
      name,
      provisioner: provisioner as ClusterProvisioner,
      environment: cluster.getOptionalString('environment'),
      region: cluster.getOptionalString('region'),
      management: cluster.getOptionalBoolean('management') ?? false,
      managementCluster: cluster.getOptionalString('managementCluster'),
      kubernetes: {
        url,
        token: cluster.getOptionalString('kubernetes.token'),
        caData: readCaData(cluster, `${key}.kubernetes.caData`),
        skipTLSVerify:
          cluster.getOptionalBoolean('kubernetes.skipTLSVerify') ?? false,
      },
    };
  });

  const upstreams: PlatformConfig['upstreams'] = {};
  for (const id of UPSTREAM_IDS) {
    const upstream = config.getOptionalConfig(`platform.upstreams.${id}`);
    if (!upstream) {
      continue;
    }
    const upstreamUrl = upstream.getString('url');
    if (!/^https?:\/\//.test(upstreamUrl)) {
      throw new InputError(
        `Invalid config at platform.upstreams.${id}.url: '${upstreamUrl}' is not an http(s) URL`,
      );
    }
    upstreams[id] = {
      url: upstreamUrl,
      token: upstream.getOptionalString('token'),
      username: upstream.getOptionalString('username'),
      password: upstream.getOptionalString('password'),
      tenant: upstream.getOptionalString('tenant'),
    };
  }

  const positive = (key: string, fallback: number): number => {
    const value = config.getOptionalNumber(key);
    if (value === undefined) {
      return fallback;
    }
    if (!(value > 0)) {
      throw new InputError(
        `Invalid config at ${key}: ${value} is not a positive number`,
      );
    }
    return value;
  };
  const optionalPositive = (key: string) =>
    config.getOptionalNumber(key) === undefined ? undefined : positive(key, 0);
  const halfOpenAfterSeconds = optionalPositive(
    'platform.clients.halfOpenAfterSeconds',
  );

  return {
    simulated,
    sandboxControlUrl,
    realKubernetes,
    clusters,
    upstreams,
    resilience: {
      timeoutMs: optionalPositive('platform.clients.timeoutMs'),
      maxRetries: config.getOptionalNumber('platform.clients.maxRetries'),
      breakerFailures: optionalPositive('platform.clients.breakerFailures'),
      maxResponseBytes: optionalPositive('platform.clients.maxResponseBytes'),
      maxListPages: optionalPositive('platform.clients.maxListPages'),
      halfOpenAfterMs:
        halfOpenAfterSeconds === undefined
          ? undefined
          : halfOpenAfterSeconds * 1000,
    },
    entityPages: {
      cacheTtlSeconds: positive('platform.entityPages.cacheTtlSeconds', 30),
    },
    health: {
      // With watches on, the poll is only the safety net for what they miss.
      refreshIntervalSeconds: positive(
        'platform.health.refreshIntervalSeconds',
        config.getOptionalBoolean('platform.health.watch.enabled') === false
          ? 60
          : 240,
      ),
      concurrency: positive('platform.health.concurrency', 32),
      perClusterConcurrency: positive(
        'platform.health.perClusterConcurrency',
        8,
      ),
      ...requestLimits(config),
      staleAfterSeconds: positive('platform.health.staleAfterSeconds', 300),
      historyDays: positive('platform.health.historyDays', 90),
    },
  };
}

/** The refresh's caps on upstream requests in flight, overall and per cluster. */
function requestLimits(config: Config): {
  maxRequestsInFlight: number;
  maxRequestsInFlightPerCluster: number;
} {
  const read = (key: string, fallback: number) => {
    const value = config.getOptionalNumber(key) ?? fallback;
    if (!Number.isInteger(value) || value < 1) {
      throw new InputError(
        `Invalid config at ${key}: ${value} is not a positive integer`,
      );
    }
    return value;
  };
  const maxRequestsInFlight = read('platform.health.maxRequestsInFlight', 64);
  const maxRequestsInFlightPerCluster = read(
    'platform.health.maxRequestsInFlightPerCluster',
    4,
  );
  if (maxRequestsInFlightPerCluster > maxRequestsInFlight) {
    throw new InputError(
      `Invalid config at platform.health.maxRequestsInFlightPerCluster: ${maxRequestsInFlightPerCluster} is more than platform.health.maxRequestsInFlight (${maxRequestsInFlight})`,
    );
  }
  return { maxRequestsInFlight, maxRequestsInFlightPerCluster };
}
