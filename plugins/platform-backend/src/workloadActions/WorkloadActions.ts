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

import { InputError, NotFoundError } from '@backstage/errors';
import { KubernetesPerson } from '@platform-portal/plugin-platform-node';
import { UpstreamClients } from '../clients/UpstreamClients';
import { ImpersonatingKubernetesClient } from '../clients/kubernetes/ImpersonatingKubernetesClient';
import { refusalOf } from './refusalOf';
import { describe, WORKLOAD_KINDS, WorkloadRef } from './workloadRef';
import {
  ARGOCD_FIELD_MANAGER,
  argocdApplicationOf,
  replicasManagers,
} from './replicasOwner';

export interface WorkloadActionResult {
  action: 'restart' | 'scale';
  dryRun: boolean;
  /** previewed: the API server accepted it in dry-run; done: it is made; argocd-owned: nothing was sent. */
  outcome: 'previewed' | 'done' | 'argocd-owned';
  message: string;
  workload: WorkloadRef;
  replicas?: { from: number; to: number };
  restartedAt?: string;
  /** url: the application in Argo CD's web UI, when Argo CD is configured. */
  argocd?: { instance: string; application?: string; url?: string };
}

/** The portal's field manager: its changes are told apart from Argo CD's and kubectl's. */
export const PORTAL_FIELD_MANAGER = 'platform-portal';

export const MAX_REPLICAS = 1000;

/**
 * Rollout restart and scale of one workload, sent as the person (their own
 * RBAC decides) with a merge patch, never a forced apply, so no other
 * manager's fields are taken. Each has a server-side dry run: the API server
 * validates and admits the change and stores nothing.
 */
export class WorkloadActions {
  constructor(
    private readonly options: {
      clients: UpstreamClients;
      /** platform.upstreams.argocd.url: `{cluster}` stands for the cluster. */
      argocdUrl?: string;
      now?: () => Date;
    },
  ) {}

  async restart(
    person: KubernetesPerson,
    ref: WorkloadRef,
    dryRun: boolean,
  ): Promise<WorkloadActionResult> {
    const client = this.client(ref);
    const restartedAt = (this.options.now?.() ?? new Date()).toISOString();
    const answer = await client.request(person, {
      method: 'PATCH',
      path: `${objectPath(ref)}?${query(dryRun)}`,
      contentType: 'application/merge-patch+json',
      // What `kubectl rollout restart` changes: a new pod template, so every pod is replaced.
      body: {
        spec: {
          template: {
            metadata: {
              annotations: { 'kubectl.kubernetes.io/restartedAt': restartedAt },
            },
          },
        },
      },
    });
    if (answer.status !== 200) {
      throw refusalOf(answer, ref, person, 'restart', client.configKey);
    }
    const what = describe(ref);
    return {
      action: 'restart',
      dryRun,
      outcome: dryRun ? 'previewed' : 'done',
      message: dryRun
        ? `The API server accepts a restart of ${what} from you: every pod would be replaced, a few at a time as its rollout strategy says. Nothing has changed yet.`
        : `${what} is restarting: its pods are being replaced, a few at a time as its rollout strategy says.`,
      workload: ref,
      restartedAt,
    };
  }

  async scale(
    person: KubernetesPerson,
    ref: WorkloadRef,
    replicas: number,
    dryRun: boolean,
  ): Promise<WorkloadActionResult> {
    if (ref.kind === 'DaemonSet') {
      throw new InputError(
        `Invalid path parameter 'kind': a DaemonSet runs one pod per node and cannot be scaled`,
      );
    }
    if (
      !Number.isInteger(replicas) ||
      replicas < 0 ||
      replicas > MAX_REPLICAS
    ) {
      throw new InputError(
        `Invalid body field 'replicas': ${JSON.stringify(
          replicas,
        )} is not a whole number from 0 to ${MAX_REPLICAS}`,
      );
    }
    const client = this.client(ref);
    const current = await client.request(person, {
      method: 'GET',
      path: objectPath(ref),
    });
    if (current.status !== 200) {
      throw refusalOf(current, ref, person, 'scale', client.configKey);
    }
    const from = Number(current.body?.spec?.replicas ?? 1);
    const what = describe(ref);
    if (replicasManagers(current.body).includes(ARGOCD_FIELD_MANAGER)) {
      const application = argocdApplicationOf(current.body);
      return {
        action: 'scale',
        dryRun,
        outcome: 'argocd-owned',
        message: `Argo CD manages the replica count of ${what}${
          application ? ` (application ${application})` : ''
        }: a scale here would be undone at its next sync. Change the replicas in the application's source in Git, or through Argo CD, and sync it.`,
        workload: ref,
        replicas: { from, to: replicas },
        argocd: {
          instance: ref.cluster,
          application,
          url: this.argocdApplicationUrl(ref.cluster, application),
        },
      };
    }
    const answer = await client.request(person, {
      method: 'PATCH',
      path: `${objectPath(ref)}/scale?${query(dryRun)}`,
      contentType: 'application/merge-patch+json',
      body: { spec: { replicas } },
    });
    if (answer.status !== 200) {
      throw refusalOf(answer, ref, person, 'scale', client.configKey);
    }
    const to = Number(answer.body?.spec?.replicas ?? replicas);
    return {
      action: 'scale',
      dryRun,
      outcome: dryRun ? 'previewed' : 'done',
      message: dryRun
        ? `The API server accepts scaling ${what} from ${from} to ${to} replicas from you. Nothing has changed yet.`
        : `${what} is scaling from ${from} to ${to} replicas.`,
      workload: ref,
      replicas: { from, to },
    };
  }

  private argocdApplicationUrl(
    cluster: string,
    application?: string,
  ): string | undefined {
    const base = this.options.argocdUrl;
    if (!base || !application) return undefined;
    return `${base
      .replace('{cluster}', encodeURIComponent(cluster))
      .replace(/\/+$/, '')}/applications/${encodeURIComponent(application)}`;
  }

  private client(ref: WorkloadRef): ImpersonatingKubernetesClient {
    const client = this.options.clients.kubernetesAs(ref.cluster);
    if (!client) {
      throw new NotFoundError(
        `Cluster "${ref.cluster}" is not configured in platform.clusters`,
      );
    }
    return client;
  }
}

function objectPath(ref: WorkloadRef): string {
  return `/apis/apps/v1/namespaces/${encodeURIComponent(ref.namespace)}/${
    WORKLOAD_KINDS[ref.kind]
  }/${encodeURIComponent(ref.name)}`;
}

function query(dryRun: boolean): string {
  const params = new URLSearchParams({ fieldManager: PORTAL_FIELD_MANAGER });
  if (dryRun) {
    params.set('dryRun', 'All');
  }
  return params.toString();
}
