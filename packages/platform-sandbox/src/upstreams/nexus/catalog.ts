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

import { createHash } from 'node:crypto';
import { FleetSpec } from '../../scenario/types';
import { stableHex, stableInt } from '../shared/ids';

export interface NexusRepository {
  name: string;
  format: 'docker' | 'helm' | 'raw';
  type: 'hosted' | 'proxy' | 'group';
  remoteUrl?: string;
  members?: string[];
  httpPort?: number;
}

export interface NexusAsset {
  id: string;
  repository: string;
  format: string;
  path: string;
  contentType: string;
  fileSize: number;
  lastModified: string;
  componentId?: string;
}

export interface NexusComponent {
  id: string;
  repository: string;
  format: string;
  group: string | null;
  name: string;
  version: string;
  assets: NexusAsset[];
}

export const REPOSITORIES: NexusRepository[] = [
  { name: 'docker-hosted', format: 'docker', type: 'hosted', httpPort: 8082 },
  { name: 'docker-proxy', format: 'docker', type: 'proxy', remoteUrl: 'https://registry-1.docker.io' },
  { name: 'docker-group', format: 'docker', type: 'group', members: ['docker-hosted', 'docker-proxy'], httpPort: 8083 },
  { name: 'helm-hosted', format: 'helm', type: 'hosted' },
  { name: 'helm-proxy', format: 'helm', type: 'proxy', remoteUrl: 'https://charts.jetstack.io' },
  { name: 'raw-hosted', format: 'raw', type: 'hosted' },
];

/** Upstream images the proxy has cached; enough tags to need several pages. */
const PROXIED_IMAGES = ['library/nginx', 'library/postgres', 'library/redis', 'library/alpine', 'library/busybox', 'library/node', 'library/python', 'grafana/grafana', 'bitnami/kubectl', 'library/golang'];
const PROXIED_TAGS_PER_IMAGE = 25;

/** Opaque, stable ids like Nexus's base64 ids; they decode to `<repository>:<hash>`. */
export function nexusId(repository: string, ...parts: string[]): string {
  return Buffer.from(`${repository}:${stableHex(32, repository, ...parts)}`).toString('base64url');
}

export function isWellFormedId(id: string): boolean {
  const decoded = Buffer.from(id, 'base64url').toString('utf8');
  return /^[a-z0-9-]+:[0-9a-f]{32}$/.test(decoded);
}

function asset(repository: string, format: string, path: string, contentType: string, modified: string, componentId?: string): NexusAsset {
  return {
    id: nexusId(repository, 'asset', path),
    repository,
    format,
    path,
    contentType,
    fileSize: 1000 + stableInt(90_000_000, path),
    lastModified: modified,
    componentId,
  };
}

/**
 * The repositories' content: every example component's image (docker-hosted)
 * and chart (helm-hosted) in each published version, plus cached upstream
 * images and charts in the proxies.
 */
export function buildCatalog(fleet: FleetSpec, anchor: Date): { components: NexusComponent[]; looseAssets: NexusAsset[] } {
  const components: NexusComponent[] = [];
  const looseAssets: NexusAsset[] = [];
  const day = 86400_000;
  const at = (n: number) => new Date(anchor.getTime() - n * day).toISOString();
  const add = (repository: string, format: string, group: string | null, name: string, version: string, path: string, contentType: string, age: number) => {
    const id = nexusId(repository, 'component', name, version);
    components.push({ id, repository, format, group, name, version, assets: [asset(repository, format, path, contentType, at(age), id)] });
  };
  for (const c of fleet.components) {
    c.versions.forEach((version, i) => {
      const age = (c.versions.length - i) * 14;
      add('docker-hosted', 'docker', null, c.image, version, `v2/${c.image}/manifests/${version}`, 'application/vnd.docker.distribution.manifest.v2+json', age);
      const digest = createHash('sha256').update(`${c.image}:${version}`).digest('hex');
      looseAssets.push(asset('docker-hosted', 'docker', `v2/-/blobs/sha256:${digest}`, 'application/vnd.docker.image.rootfs.diff.tar.gzip', at(age)));
      add('helm-hosted', 'helm', null, c.chart, version, `${c.chart}-${version}.tgz`, 'application/x-tgz', age);
    });
  }
  looseAssets.push(asset('helm-hosted', 'helm', 'index.yaml', 'text/x-yaml', at(0)));
  for (const image of PROXIED_IMAGES) {
    for (let t = 0; t < PROXIED_TAGS_PER_IMAGE; t++) {
      const version = `1.${t}.${stableInt(10, image, t)}`;
      add('docker-proxy', 'docker', null, image, version, `v2/${image}/manifests/${version}`, 'application/vnd.docker.distribution.manifest.v2+json', 30 + t);
    }
  }
  for (const [chart, version] of [['cert-manager', 'v1.18.2'], ['cert-manager', 'v1.17.4']]) {
    add('helm-proxy', 'helm', null, chart, version, `${chart}-${version}.tgz`, 'application/x-tgz', 60);
  }
  return { components, looseAssets };
}
