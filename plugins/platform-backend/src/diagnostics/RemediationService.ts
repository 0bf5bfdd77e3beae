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

import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  CustomObjectsApi,
  KubernetesObjectApi,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import {
  RemediationAction,
  RemediationRequest,
  RemediationResult,
} from '@platform-portal/plugin-platform-common';
import { ClusterAccessService } from '@platform-portal/plugin-platform-node';
import { ArgoApplication } from '../clients/argocd/argoTypes';
import { argocdReadError } from '../clients/argocd/argocdHttpError';
import { UpstreamClients } from '../clients/UpstreamClients';
import { acmeRateLimitOf, futileReissue } from './acmeRateLimit';
import { AnyObject, conditionOf } from './kubeObjects';
import { belongsTo, CAPI_VERSION } from './machineDeployments';

/** Every write to a cluster gives up after this. */
const WRITE_DEADLINE_MS = 15_000;
const FIELD_MANAGER = 'platform-portal-diagnostics';
const MAX_WORKERS = 200;

async function withDeadline<T>(what: string, call: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new Error(`${what} took longer than ${WRITE_DEADLINE_MS} ms`)),
      WRITE_DEADLINE_MS,
    );
  });
  try {
    return await Promise.race([call, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function notFound(error: unknown): boolean {
  return (error as { code?: number })?.code === 404;
}

/**
 * The safe remediations the runbooks name: each one idempotent (asking twice
 * changes nothing the second time) and with a dry run that writes nothing.
 */
/** Ownership checks the route runs for its user before a remediation writes. */
export interface RemediationGuard {
  argocdApplication(cluster: string, app: ArgoApplication): Promise<void>;
  namespace(cluster: string, namespace: string): Promise<void>;
}

const ALLOW_ALL: RemediationGuard = {
  argocdApplication: async () => {},
  namespace: async () => {},
};

export class RemediationService {
  constructor(
    private readonly clients: UpstreamClients,
    private readonly clusterAccess: ClusterAccessService,
  ) {}

  run(
    cluster: string,
    action: RemediationAction,
    request: RemediationRequest,
    guard: RemediationGuard = ALLOW_ALL,
  ): Promise<RemediationResult> {
    if (!this.clients.cluster(cluster)) {
      throw new NotFoundError(`No cluster '${cluster}' in platform.clusters`);
    }
    switch (action) {
      case 'certificate-reissue':
        return this.reissueCertificate(cluster, request, guard);
      case 'argocd-sync':
        return this.syncApplication(cluster, request, guard);
      case 'machinedeployment-scale':
        return this.scaleMachineDeployment(cluster, request);
      default:
        throw new NotFoundError(`No remediation '${action}'`);
    }
  }

  /**
   * What `cmctl renew` does: sets the Certificate's Issuing condition so
   * cert-manager issues it now. The secret and the old certificate stay.
   */
  private async reissueCertificate(
    cluster: string,
    request: RemediationRequest,
    guard: RemediationGuard,
  ): Promise<RemediationResult> {
    const namespace = requireField(request.namespace, 'namespace');
    await guard.namespace(cluster, namespace);
    const kc = this.clusterAccess.kubeConfig(cluster, 'write');
    const api = kc.makeApiClient(CustomObjectsApi);
    const target = `Certificate ${namespace}/${request.name}`;
    const id = {
      group: 'cert-manager.io',
      version: 'v1',
      namespace,
      plural: 'certificates',
      name: request.name,
    };
    let cert: AnyObject;
    try {
      cert = (await withDeadline(
        `Reading ${target}`,
        api.getNamespacedCustomObject(id),
      )) as AnyObject;
    } catch (error) {
      if (notFound(error))
        throw new NotFoundError(`No ${target} on ${cluster}`);
      throw error;
    }
    const base = {
      action: 'certificate-reissue' as const,
      cluster,
      target,
      dryRun: Boolean(request.dryRun),
    };
    if (conditionOf(cert, 'Issuing')?.status === 'True') {
      return {
        ...base,
        changed: false,
        message: `${target} is already being issued`,
      };
    }
    const futile = futileReissue(acmeRateLimitOf(cert), new Date());
    if (futile) throw new ConflictError(`${target} not re-issued: ${futile}`);
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const conditions = [
      ...((cert.status?.conditions ?? []) as any[]).filter(
        c => c.type !== 'Issuing',
      ),
      {
        type: 'Issuing',
        status: 'True',
        reason: 'ManuallyTriggered',
        message: 'Certificate re-issuance manually triggered',
        lastTransitionTime: now,
        observedGeneration: (cert.metadata as any)?.generation,
      },
    ];
    await withDeadline(
      `Setting Issuing on ${target}`,
      api.patchNamespacedCustomObjectStatus(
        {
          ...id,
          // The resourceVersion makes a concurrent change a conflict, not a lost write.
          body: {
            metadata: {
              resourceVersion: (cert.metadata as any)?.resourceVersion,
            },
            status: { conditions },
          },
          dryRun: request.dryRun ? 'All' : undefined,
          fieldManager: FIELD_MANAGER,
        },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      ),
    );
    return {
      ...base,
      changed: true,
      message: request.dryRun
        ? `Would set Issuing=True on ${target}`
        : `Set Issuing=True on ${target}: cert-manager issues it again`,
    };
  }

  private async syncApplication(
    cluster: string,
    request: RemediationRequest,
    guard: RemediationGuard,
  ): Promise<RemediationResult> {
    const argocd = this.clients.argocd(cluster);
    if (!argocd) {
      throw new NotFoundError(
        'No Argo CD configured (platform.upstreams.argocd)',
      );
    }
    const [app] = (
      await argocd
        .listApplications({ name: request.name })
        .catch(error => Promise.reject(argocdReadError(error)))
    ).filter(a => a.metadata.name === request.name);
    if (!app) {
      throw new NotFoundError(
        `No Argo CD application '${request.name}' on ${cluster}`,
      );
    }
    const project = app.spec.project ?? 'default';
    if (request.project && request.project !== project) {
      throw new InputError(
        `Invalid field 'project': application '${request.name}' is in project '${project}'`,
      );
    }
    await guard.argocdApplication(cluster, app);
    const base = {
      action: 'argocd-sync' as const,
      cluster,
      target: `Application ${request.name}`,
      dryRun: Boolean(request.dryRun),
    };
    if (app.status?.operationState?.phase === 'Running') {
      return {
        ...base,
        changed: false,
        message: `A sync of ${request.name} is already running`,
      };
    }
    if (
      app.status?.sync?.status === 'Synced' &&
      !['Failed', 'Error'].includes(app.status?.operationState?.phase ?? '')
    ) {
      return {
        ...base,
        changed: false,
        message: `${request.name} is already synced`,
      };
    }
    if (request.dryRun) {
      return {
        ...base,
        changed: true,
        message: `Would sync ${request.name} (project ${project})`,
      };
    }
    await argocd
      .sync(request.name, project)
      .catch(error => Promise.reject(argocdReadError(error)));
    return {
      ...base,
      changed: true,
      message: `Started a sync of ${request.name}`,
    };
  }

  private async scaleMachineDeployment(
    cluster: string,
    request: RemediationRequest,
  ): Promise<RemediationResult> {
    const namespace = requireField(request.namespace, 'namespace');
    const replicas = request.replicas;
    if (
      typeof replicas !== 'number' ||
      !Number.isInteger(replicas) ||
      replicas < 0 ||
      replicas > MAX_WORKERS
    ) {
      throw new InputError(
        `Invalid field 'replicas': an integer from 0 to ${MAX_WORKERS}`,
      );
    }
    const config = this.clients.cluster(cluster);
    const management = config?.managementCluster;
    if (!management) {
      throw new InputError(
        `Invalid path parameter 'cluster': ${cluster} is not a Cluster API workload cluster`,
      );
    }
    if (config?.environment === 'production' && replicas < 3) {
      throw new InputError(
        `Invalid field 'replicas': production clusters keep at least 3 workers (N+1)`,
      );
    }
    const api = KubernetesObjectApi.makeApiClient(
      this.clusterAccess.kubeConfig(management, 'write'),
    );
    const target = `MachineDeployment ${namespace}/${request.name}`;
    const ref = {
      apiVersion: CAPI_VERSION,
      kind: 'MachineDeployment',
      metadata: { name: request.name, namespace },
    };
    let md: AnyObject;
    try {
      md = (await withDeadline(
        `Reading ${target}`,
        api.read(ref),
      )) as AnyObject;
    } catch (error) {
      if (notFound(error))
        throw new NotFoundError(`No ${target} on ${management}`);
      throw error;
    }
    if (!belongsTo(md, cluster)) {
      throw new ConflictError(
        `${target} belongs to another cluster than ${cluster}`,
      );
    }
    const base = {
      action: 'machinedeployment-scale' as const,
      cluster,
      target,
      dryRun: Boolean(request.dryRun),
    };
    const previous = md.spec?.replicas;
    if (previous === replicas) {
      return {
        ...base,
        changed: false,
        message: `${target} already has ${replicas} replicas`,
      };
    }
    await withDeadline(
      `Scaling ${target}`,
      api.patch(
        { ...ref, spec: { replicas } } as any,
        undefined,
        request.dryRun ? 'All' : undefined,
        FIELD_MANAGER,
        true,
        PatchStrategy.ServerSideApply,
      ),
    );
    return {
      ...base,
      changed: true,
      message: `${
        request.dryRun ? 'Would scale' : 'Scaled'
      } ${target} on ${management} from ${previous} to ${replicas} replicas`,
    };
  }
}

function requireField(value: string | undefined, field: string): string {
  if (!value) throw new InputError(`Missing field '${field}'`);
  return value;
}
