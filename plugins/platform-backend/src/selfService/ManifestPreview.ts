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

import { InputError } from '@backstage/errors';
import {
  ManifestPreviewResponse,
  PreviewableTemplate,
  PreviewedManifest,
} from '@platform-portal/plugin-platform-common';
import {
  certificateManifest,
  checkNamespaceOwnership,
  ClusterAccessService,
  ClusterObjects,
  clusterReader,
  describeObject,
  httpRouteManifest,
  Manifest,
  namespaceManifests,
  parseCertificateRequest,
  parseHttpRouteRequest,
  parseNamespaceRequest,
  parseVolumeRequest,
  refuseOtherOwners,
  requireBackendServices,
  requireCluster,
  requireHostnamesFree,
  SelfServiceLimits,
  TeamTarget,
  uncoveredDnsNames,
  volumeManifest,
  writableClusterObjects,
} from '@platform-portal/plugin-platform-node';
import { templateStepInputs } from './templateInputs';

/**
 * The limits a preview judges by, with each API server request held to the
 * portal's own deadline when that is shorter: a person waits on the answer.
 */
export function previewLimits(
  limits: SelfServiceLimits,
  portalTimeoutMs: number | undefined,
): SelfServiceLimits {
  return {
    ...limits,
    requestTimeoutMs: Math.min(
      limits.requestTimeoutMs,
      portalTimeoutMs ?? limits.requestTimeoutMs,
    ),
  };
}

/** A manifest and the checks its action makes before applying it. */
interface PlannedWrite {
  manifest: Manifest;
  checks: Array<() => Promise<void>>;
}

interface Plan {
  target: TeamTarget;
  writes: PlannedWrite[];
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * What a self-service template would write, checked as its actions check it
 * and sent to the API server with dryRun=All (nothing is stored). The
 * manifests come from the builders the actions use, so the preview is what
 * the run applies. Writes with the self-service write identity, as the
 * actions do, once the caller has been authorised for the team.
 */
export class ManifestPreview {
  constructor(
    private readonly options: {
      clusters: ClusterAccessService;
      limits: SelfServiceLimits;
    },
  ) {}

  /** The team the parameters act for: the caller must be allowed to act for it first. */
  plan(
    template: PreviewableTemplate,
    parameters: Record<string, unknown>,
  ): {
    team: string;
    run: () => Promise<ManifestPreviewResponse>;
  } {
    const plan = this.build(template, parameters);
    requireCluster(this.options.clusters, plan.target.cluster, {
      management: false,
    });
    return {
      team: plan.target.team,
      run: () => this.run(template, plan),
    };
  }

  private build(
    template: PreviewableTemplate,
    parameters: Record<string, unknown>,
  ): Plan {
    const { limits, clusters } = this.options;
    const steps = templateStepInputs(template, parameters);
    let target: TeamTarget | undefined;
    const writes: PlannedWrite[] = [];
    const objects = (cluster: string) =>
      writableClusterObjects(clusters, cluster, limits);
    let routeHostnames: string[] | undefined;
    for (const step of steps) {
      if (step.action === 'httproute') {
        const request = parseHttpRouteRequest(
          step.input,
          limits.allowedDomains,
        );
        target = request;
        routeHostnames = request.hostnames;
        const manifest = httpRouteManifest(request, limits.gateway);
        writes.push({
          manifest,
          checks: [
            () =>
              refuseOtherOwners(
                objects(request.cluster),
                {
                  apiVersion: manifest.apiVersion,
                  kind: manifest.kind,
                  name: request.name,
                },
                request,
              ),
            () =>
              requireHostnamesFree(clusterReader(clusters, request.cluster), {
                ...request,
                field: 'hostname',
              }),
            () =>
              requireBackendServices(
                objects(request.cluster),
                request.namespace,
                // Named as the action's input names them, which the form maps back to its fields.
                request.rules.flatMap((rule, i) =>
                  rule.backends.map((backend, j) => ({
                    ...backend,
                    field: `rules[${i}].backends[${j}]`,
                  })),
                ),
              ),
          ],
        });
      } else if (step.action === 'certificate') {
        const request = parseCertificateRequest(step.input, limits);
        target ??= request;
        const hostnames = routeHostnames;
        writes.push({
          manifest: certificateManifest(request),
          checks: [
            async () => {
              const uncovered = uncoveredDnsNames(
                request.dnsNames,
                hostnames ?? [],
              );
              if (hostnames && uncovered.length > 0)
                throw new InputError(
                  `dnsNames: ${uncovered.join(
                    ', ',
                  )} not among the route's hostnames`,
                );
            },
            () =>
              refuseOtherOwners(
                objects(request.cluster),
                {
                  apiVersion: 'cert-manager.io/v1',
                  kind: 'Certificate',
                  name: request.name,
                },
                request,
              ),
            () =>
              requireHostnamesFree(clusterReader(clusters, request.cluster), {
                ...request,
                hostnames: request.dnsNames,
                field: 'hostname',
              }),
          ],
        });
      } else if (step.action === 'volume') {
        const request = parseVolumeRequest(step.input, limits);
        target = request;
        writes.push({
          manifest: volumeManifest(request),
          checks: [
            () =>
              refuseOtherOwners(
                objects(request.cluster),
                {
                  apiVersion: 'v1',
                  kind: 'PersistentVolumeClaim',
                  name: request.name,
                },
                request,
              ),
          ],
        });
      } else {
        const request = parseNamespaceRequest(step.input);
        target = request;
        writes.push(
          ...namespaceManifests(request, limits.gateway.namespace).map(
            manifest => ({ manifest, checks: [] }),
          ),
        );
      }
    }
    if (!target) throw new InputError(`template: "${template}" writes nothing`);
    return { target, writes };
  }

  private async run(
    template: PreviewableTemplate,
    plan: Plan,
  ): Promise<ManifestPreviewResponse> {
    const { target } = plan;
    const objects = writableClusterObjects(
      this.options.clusters,
      target.cluster,
      this.options.limits,
    );
    // Only the namespace template may create its namespace; the others need it.
    let namespaceProblem: string | undefined;
    let namespaceExists = false;
    try {
      namespaceExists = await checkNamespaceOwnership(
        objects,
        target.namespace,
        target.team,
      );
      if (!namespaceExists && template !== 'platform-namespace') {
        namespaceProblem = `namespace: "${target.namespace}" does not exist on cluster ${target.cluster}; create it with the Team namespace template first`;
      }
    } catch (error) {
      namespaceProblem = messageOf(error);
    }
    const manifests: PreviewedManifest[] = [];
    for (const write of plan.writes) {
      manifests.push(
        await this.previewOne(objects, write, {
          namespaceProblem,
          namespacePending:
            !namespaceExists && write.manifest.kind !== 'Namespace',
        }),
      );
    }
    return {
      template,
      cluster: target.cluster,
      ok: manifests.every(m => m.outcome !== 'refused'),
      manifests,
    };
  }

  private async previewOne(
    objects: ClusterObjects,
    write: PlannedWrite,
    namespace: { namespaceProblem?: string; namespacePending: boolean },
  ): Promise<PreviewedManifest> {
    const { manifest } = write;
    const base = {
      apiVersion: manifest.apiVersion,
      kind: manifest.kind,
      name: manifest.metadata.name,
      ...(manifest.metadata.namespace
        ? { namespace: manifest.metadata.namespace }
        : {}),
      manifest,
    };
    const refused = (message: string): PreviewedManifest => ({
      ...base,
      outcome: 'refused',
      message,
    });
    if (namespace.namespaceProblem) return refused(namespace.namespaceProblem);
    if (namespace.namespacePending) {
      return {
        ...base,
        outcome: 'not-checked',
        message: `The API server checks ${describeObject(
          manifest,
        )} once its namespace exists, when the template runs`,
      };
    }
    try {
      for (const check of write.checks) await check();
      const existing = await objects.read(
        manifest.apiVersion,
        manifest.kind,
        manifest.metadata.name,
        manifest.metadata.namespace,
      );
      await objects.apply(manifest, { dryRun: true });
      return {
        ...base,
        outcome: existing ? 'update' : 'create',
        message: `${existing ? 'Updates' : 'Creates'} ${describeObject(
          manifest,
        )} on cluster ${objects.cluster}: accepted by the API server's dry run`,
      };
    } catch (error) {
      return refused(messageOf(error));
    }
  }
}
