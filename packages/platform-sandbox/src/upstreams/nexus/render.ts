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

import { NexusAsset, NexusComponent, REPOSITORIES } from './catalog';

/** java.util.Date as Jackson 2.17's StdDateFormat writes it: milliseconds and a `+00:00` offset. */
function jacksonDate(iso: string): string {
  return new Date(iso).toISOString().replace(/Z$/, '+00:00');
}

/** Nexus's JSON shapes for assets, components and repositories, with URLs under the given base. */
export class NexusRenderer {
  constructor(private readonly baseUrl: string) {}

  asset(a: NexusAsset) {
    const sha1 = Buffer.from(a.id).toString('hex').slice(0, 40).padEnd(40, '0');
    return {
      downloadUrl: `${this.baseUrl}/repository/${a.repository}/${a.path}`,
      path: a.path,
      id: a.id,
      repository: a.repository,
      format: a.format,
      checksum: { sha1, sha256: `${sha1}${sha1}`.slice(0, 64) },
      contentType: a.contentType,
      lastModified: jacksonDate(a.lastModified),
      lastDownloaded: null,
      uploader: a.repository.endsWith('proxy') ? 'anonymous' : 'ci-publisher',
      uploaderIp: '10.40.0.12',
      fileSize: a.fileSize,
      blobCreated: jacksonDate(a.lastModified),
      blobStoreName: 'default',
    };
  }

  component(c: NexusComponent) {
    return {
      id: c.id,
      repository: c.repository,
      format: c.format,
      group: c.group,
      name: c.name,
      version: c.version,
      assets: c.assets.map(a => this.asset(a)),
    };
  }

  repository(name: string) {
    const r = REPOSITORIES.find(x => x.name === name)!;
    return {
      name: r.name,
      format: r.format,
      type: r.type,
      url: `${this.baseUrl}/repository/${r.name}`,
      attributes: r.remoteUrl ? { proxy: { remoteUrl: r.remoteUrl } } : {},
    };
  }

  repositoryDetail(name: string) {
    const r = REPOSITORIES.find(x => x.name === name)!;
    return {
      ...this.repository(name),
      online: true,
      storage: { blobStoreName: 'default', strictContentTypeValidation: true, ...(r.type === 'hosted' ? { writePolicy: 'allow_once' } : {}) },
      ...(r.format === 'docker' ? { docker: { v1Enabled: false, forceBasicAuth: true, httpPort: r.httpPort ?? null, httpsPort: null, subdomain: null } } : {}),
      ...(r.members ? { group: { memberNames: r.members } } : {}),
      ...(r.remoteUrl ? { proxy: { remoteUrl: r.remoteUrl, contentMaxAge: 1440, metadataMaxAge: 1440 } } : {}),
    };
  }
}
