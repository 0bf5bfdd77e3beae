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

import {
  ClusterAccessService,
  PlatformCluster,
} from '@platform-portal/plugin-platform-node';
import { CapiIndex, CAPI_PATHS, ClusterRecord, fromNodes } from './capiRecords';
import { mapWithConcurrency } from './concurrency';
import { KubeRequestError } from './kubeHttp';
import { KubeObject, listAll, listPages } from './listPages';

export type { ClusterRecord } from './capiRecords';

export interface ReadFleetOptions {
  /** Objects per list request. */
  pageSize: number;
  /** Deadline of each request. */
  timeoutMs: number;
  /** Clusters whose nodes are read at the same time. */
  concurrency: number;
  /** Epoch ms by which the read must be over, so the task keeps its timeout. */
  deadline: number;
  onNodesUnreadable?: (cluster: string, error: Error) => void;
}

/** A batch of records, and the resourceVersion of the list it came from. */
export interface FleetBatch {
  records: ClusterRecord[];
  /** For batches of a management cluster's Cluster list. */
  source?: ManagedSource;
}

/** Where a batch of workload clusters came from, and how to read more of them. */
export interface ManagedSource {
  management: string;
  /** Of the list the batch is a page of: a watch resumes from there. */
  resourceVersion?: string;
  last: boolean;
  /** A Cluster object as a record, joined with this pass's other kinds. */
  toRecord(cluster: KubeObject): ClusterRecord;
  /** Configured clusters stay in the catalog when Cluster API forgets them. */
  configured(name: string): boolean;
}

/** An upstream failure that names the config key to check, never a secret. */
function failure(cluster: PlatformCluster, what: string, error: unknown) {
  const key = `${cluster.configKey ?? 'platform.clusters'}.kubernetes`;
  const check =
    error instanceof KubeRequestError && error.tls
      ? `check ${key}.caData, the PEM of the CA that signed the API server's certificate`
      : `check ${key}`;
  return new Error(
    `${what} of cluster ${cluster.name} could not be read (${check}): ${
      (error as Error).message
    }`,
  );
}

function requestTimeout(options: ReadFleetOptions): number {
  const left = options.deadline - Date.now();
  if (left <= 0) {
    throw new Error(
      'the pass ran out of time before the fleet was read; it resumes on the next run',
    );
  }
  return Math.min(options.timeoutMs, left);
}

/** Config wins over what the management cluster says about environment and region. */
function withConfig(
  record: ClusterRecord,
  cluster: PlatformCluster | undefined,
): ClusterRecord {
  if (!cluster) return record;
  return {
    ...record,
    provisioner: cluster.provisioner,
    environment: cluster.environment ?? record.environment,
    region: cluster.region ?? record.region,
    management: cluster.management,
    managementCluster: cluster.managementCluster ?? record.managementCluster,
  };
}

/** The workload clusters one management cluster declares, page by page. */
async function* managedClusters(
  access: ClusterAccessService,
  management: PlatformCluster,
  configured: Map<string, PlatformCluster>,
  options: ReadFleetOptions,
): AsyncGenerator<FleetBatch> {
  const kubeConfig = access.kubeConfig(management.name);
  // The joined kinds are read whole, once per pass, beside the Cluster pages:
  // the largest pages an API server serves, as no entity waits for each.
  const list = (path: string) =>
    listAll(kubeConfig, path, {
      pageSize: 500,
      timeoutMs: requestTimeout(options),
    });
  const index = Promise.all([
    list(CAPI_PATHS.controlPlanes),
    list(CAPI_PATHS.machineDeployments),
  ]).then(([cps, mds]) => new CapiIndex(cps, mds));
  index.catch(() => undefined);
  try {
    const pages = listPages(kubeConfig, CAPI_PATHS.clusters, {
      pageSize: options.pageSize,
      get timeoutMs() {
        return requestTimeout(options);
      },
    });
    for await (const page of pages) {
      const capi = await index;
      const toRecord = (cluster: KubeObject) => {
        const record = capi.record(cluster, management.name);
        return withConfig(record, configured.get(record.name));
      };
      yield {
        records: page.items.map(toRecord),
        source: {
          management: management.name,
          resourceVersion: page.resourceVersion,
          last: page.last,
          toRecord,
          configured: name => configured.has(name),
        },
      };
      requestTimeout(options);
    }
  } catch (error) {
    throw failure(management, 'Cluster API objects', error);
  }
}

/**
 * The fleet as the catalog shows it, in batches as pages arrive: the
 * workload clusters of each management cluster from its Cluster API
 * objects, then the configured clusters none declares, from their nodes.
 * A management cluster that cannot be read fails the read, so its clusters
 * are never mistaken for deleted ones; a static cluster whose nodes cannot
 * be read is shown without version and counts.
 */
export async function* readFleet(
  access: ClusterAccessService,
  options: ReadFleetOptions,
): AsyncGenerator<FleetBatch> {
  const configured = new Map(access.listClusters().map(c => [c.name, c]));
  const discovered = new Set<string>();
  for (const management of configured.values()) {
    if (!management.management) continue;
    for await (const batch of managedClusters(
      access,
      management,
      configured,
      options,
    )) {
      batch.records.forEach(r => discovered.add(r.name));
      yield batch;
    }
  }
  const rest = [...configured.values()].filter(c => !discovered.has(c.name));
  for (let i = 0; i < rest.length; i += options.pageSize) {
    const chunk = rest.slice(i, i + options.pageSize);
    yield {
      records: await mapWithConcurrency(
        chunk,
        options.concurrency,
        async cluster => {
          const base = withConfig(
            {
              name: cluster.name,
              provisioner: cluster.provisioner,
            } as ClusterRecord,
            cluster,
          );
          try {
            const nodes = await listAll(
              access.kubeConfig(cluster.name),
              '/api/v1/nodes',
              {
                pageSize: options.pageSize,
                timeoutMs: requestTimeout(options),
              },
            );
            return { ...base, ...fromNodes(nodes) };
          } catch (error) {
            options.onNodesUnreadable?.(cluster.name, error as Error);
            return base;
          }
        },
      ),
    };
  }
}
