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

import { JsonObject } from '@backstage/types';
import {
  createConfiguration,
  KubeConfig,
  KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
  ServerConfiguration,
} from '@kubernetes/client-node';
import { ClusterAccessService } from '../../clusters';
import { boundedHttpLibrary } from './boundedHttpLibrary';
import { clusterAgent } from './clusterAgent';
import { describeKubeError, isNotFound } from './kubeErrors';

/**
 * The field manager of every self-service write; stable so re-runs are no-ops.
 *
 * @public
 */
export const FIELD_MANAGER = 'platform-portal-selfservice';

/**
 * A manifest to apply: a plain JSON object with apiVersion, kind and metadata.
 *
 * @public
 */
export type Manifest = JsonObject & {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
  };
};

/** @public */
export function describeObject(manifest: {
  kind: string;
  metadata: { name?: string; namespace?: string };
}): string {
  const { name, namespace } = manifest.metadata;
  return `${manifest.kind} ${namespace ? `${namespace}/` : ''}${name}`;
}

/**
 * How long one request to an API server may take, unless configured.
 *
 * @public
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** @public */
export interface ClusterObjectsOptions {
  /** Where the cluster is configured (`platform.clusters[2]`), named in errors. */
  configKey?: string;
  /** Deadline of each request, body included. */
  requestTimeoutMs?: number;
}

/**
 * Reads and server-side applies objects on one cluster.
 *
 * @public
 */
export class ClusterObjects {
  private readonly api: KubernetesObjectApi;
  private readonly configKey?: string;
  /** Namespaces a dry run assumes an earlier step creates. */
  readonly pendingNamespaces = new Set<string>();

  constructor(
    readonly cluster: string,
    kubeConfig: KubeConfig,
    options: ClusterObjectsOptions = {},
  ) {
    this.configKey = options.configKey;
    this.api = new KubernetesObjectApi(
      createConfiguration({
        baseServer: new ServerConfiguration(
          kubeConfig.getCurrentCluster()!.server,
          {},
        ),
        authMethods: { default: kubeConfig },
        httpApi: boundedHttpLibrary(
          options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
          clusterAgent(kubeConfig),
        ),
      }),
    );
  }

  private failure(error: unknown, what: string): Error {
    return describeKubeError(error, this.cluster, what, this.configKey);
  }

  /** The object, or undefined when it does not exist. */
  async read(
    apiVersion: string,
    kind: string,
    name: string,
    namespace?: string,
  ): Promise<KubernetesObject | undefined> {
    try {
      return await this.api.read({
        apiVersion,
        kind,
        metadata: { name, namespace },
      });
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw this.failure(
        error,
        `reading ${kind} ${namespace ? `${namespace}/` : ''}${name}`,
      );
    }
  }

  /** Every object of a kind, in all namespaces when `namespace` is not given. */
  async list(
    apiVersion: string,
    kind: string,
    namespace?: string,
  ): Promise<KubernetesObject[]> {
    try {
      const items: KubernetesObject[] = [];
      let continueToken: string | undefined;
      do {
        const page = await this.api.list(
          apiVersion,
          kind,
          namespace,
          undefined,
          undefined,
          undefined,
          undefined,
          undefined,
          500,
          continueToken,
        );
        items.push(...page.items);
        continueToken = page.metadata?._continue || undefined;
      } while (continueToken);
      return items;
    } catch (error) {
      throw this.failure(error, `listing ${kind}`);
    }
  }

  /**
   * Deletes the object; false when it was already gone. Used to take back
   * what a failed task wrote.
   */
  async delete(
    apiVersion: string,
    kind: string,
    name: string,
    namespace?: string,
  ): Promise<boolean> {
    try {
      await this.api.delete({
        apiVersion,
        kind,
        metadata: { name, namespace },
      });
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw this.failure(
        error,
        `deleting ${kind} ${namespace ? `${namespace}/` : ''}${name}`,
      );
    }
  }

  /**
   * Server-side apply without force: a field another manager owns is a
   * conflict and an error, never an overwrite. With `dryRun` the API server
   * validates and returns the would-be object, and nothing is stored.
   */
  async apply(
    manifest: Manifest,
    options: { dryRun: boolean },
  ): Promise<KubernetesObject> {
    return this.applyAs(manifest, {
      ...options,
      fieldManager: FIELD_MANAGER,
      force: false,
    });
  }

  /**
   * Server-side apply as a named field manager. `force` takes ownership of
   * exactly the fields in the manifest (used to change replicas or versions
   * of Cluster API objects that their creator also manages).
   */
  async applyAs(
    manifest: Manifest,
    options: { dryRun: boolean; fieldManager: string; force: boolean },
  ): Promise<KubernetesObject> {
    try {
      return await this.api.patch(
        manifest as KubernetesObject,
        undefined,
        options.dryRun ? 'All' : undefined,
        options.fieldManager,
        options.force,
        PatchStrategy.ServerSideApply,
      );
    } catch (error) {
      throw this.failure(
        error,
        `${options.dryRun ? 'dry-run apply of' : 'applying'} ${describeObject(
          manifest,
        )}`,
      );
    }
  }
}

/**
 * The objects of a configured cluster, written with the portal's write token.
 *
 * @public
 */
export function writableClusterObjects(
  clusters: ClusterAccessService,
  cluster: string,
  options: { requestTimeoutMs: number },
): ClusterObjects {
  return new ClusterObjects(cluster, clusters.kubeConfig(cluster, 'write'), {
    configKey: clusters.getCluster(cluster).configKey,
    requestTimeoutMs: options.requestTimeoutMs,
  });
}
