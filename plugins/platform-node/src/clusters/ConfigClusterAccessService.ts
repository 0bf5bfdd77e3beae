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

import { NotFoundError } from '@backstage/errors';
import { KubeConfig } from '@kubernetes/client-node';
import {
  ClusterAccessMode,
  ClusterAccessService,
} from './ClusterAccessService';
import { ClusterConnection, PlatformCluster } from './PlatformCluster';

function withoutCredentials(connection: ClusterConnection): PlatformCluster {
  const {
    url: _url,
    token: _token,
    writeToken: _writeToken,
    caData: _caData,
    skipTLSVerify: _skip,
    ...cluster
  } = connection;
  return cluster;
}

/**
 * ClusterAccessService over the configured connections.
 *
 * @public
 */
export class ConfigClusterAccessService implements ClusterAccessService {
  constructor(private readonly connections: Map<string, ClusterConnection>) {}

  listClusters(): PlatformCluster[] {
    return [...this.connections.values()].map(withoutCredentials);
  }

  getCluster(name: string): PlatformCluster {
    return withoutCredentials(this.connection(name));
  }

  kubeConfig(name: string, mode: ClusterAccessMode = 'read'): KubeConfig {
    const connection = this.connection(name);
    const token =
      mode === 'write'
        ? connection.writeToken ?? connection.token
        : connection.token;
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [
        {
          name,
          server: connection.url,
          skipTLSVerify: connection.skipTLSVerify,
          ...(connection.caData
            ? { caData: Buffer.from(connection.caData).toString('base64') }
            : {}),
        },
      ],
      users: [{ name: `portal-${mode}`, ...(token ? { token } : {}) }],
      contexts: [{ name, cluster: name, user: `portal-${mode}` }],
      currentContext: name,
    });
    return kc;
  }

  private connection(name: string): ClusterConnection {
    const connection = this.connections.get(name);
    if (!connection) {
      throw new NotFoundError(
        `Cluster "${name}" is not configured in platform.clusters`,
      );
    }
    return connection;
  }
}
