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

import { RealKubeApiServer } from './controlPlane';
import { KubeRequest, kubeRequester } from './kubeRequest';
import { applyAs } from './serverSideApply';

/*
 * Copies a sandbox cluster's objects into a real one by server-side apply,
 * each under the field manager of the controller that owns such an object in
 * a real cluster: kube-controller-manager for what controllers derive,
 * argocd-controller for what Argo CD syncs, helm for what the platform's
 * charts install, and the kubelet for node and pod status. So a later apply
 * by the portal meets the conflicts a real cluster returns.
 */

type Obj = Record<string, any>;

interface Resource {
  prefix: string;
  groupVersion: string;
  name: string;
  kind: string;
  namespaced: boolean;
  hasStatus: boolean;
}

/** Served by both, but not objects anyone applies (or the server makes them). */
const SKIPPED = new Set([
  'events',
  'componentstatuses',
  'bindings',
  'leases',
  'customresourcedefinitions',
  'apiservices',
  'endpoints',
  'flowschemas',
  'prioritylevelconfigurations',
  'tokenreviews',
  'selfsubjectreviews',
  'selfsubjectaccessreviews',
  'selfsubjectrulesreviews',
  'subjectaccessreviews',
  'localsubjectaccessreviews',
  'certificatesigningrequests',
]);

const DERIVED_BY_CONTROLLERS = new Set([
  'ReplicaSet',
  'Pod',
  'EndpointSlice',
  'ControllerRevision',
  'Job',
]);

async function resources(request: KubeRequest): Promise<Resource[]> {
  const groupVersions: Array<[string, string]> = [['/api/v1', 'v1']];
  const groups = await request('GET', '/apis');
  for (const group of groups.body?.groups ?? []) {
    const preferred = group.preferredVersion?.groupVersion;
    if (preferred) groupVersions.push([`/apis/${preferred}`, preferred]);
  }
  const found: Resource[] = [];
  for (const [prefix, groupVersion] of groupVersions) {
    const list = await request('GET', prefix);
    const all: Obj[] = list.body?.resources ?? [];
    for (const r of all) {
      if (r.name.includes('/') || !r.verbs?.includes('list')) continue;
      found.push({
        prefix,
        groupVersion,
        name: r.name,
        kind: r.kind,
        namespaced: r.namespaced,
        hasStatus: all.some(s => s.name === `${r.name}/status`),
      });
    }
  }
  return found;
}

function fieldManager(object: Obj, teamNamespaces: Set<string>): string {
  if (DERIVED_BY_CONTROLLERS.has(object.kind)) return 'kube-controller-manager';
  const labels = object.metadata?.labels ?? {};
  if (
    object.kind === 'Application' ||
    labels['argocd.argoproj.io/instance'] ||
    teamNamespaces.has(object.metadata?.namespace)
  ) {
    return 'argocd-controller';
  }
  return 'helm';
}

/**
 * What a client applies: no server-set metadata; no status when the kind has
 * a status subresource (the server ignores it there). A kind without one,
 * like Argo CD's Application, keeps its status in the object itself.
 */
function forApply(
  object: Obj,
  apiVersion: string,
  kind: string,
  keepStatus: boolean,
): Obj {
  const { name, namespace, labels, annotations, finalizers } = object.metadata;
  const { status, metadata: _metadata, ...rest } = object;
  return {
    ...rest,
    ...(keepStatus && status ? { status } : {}),
    apiVersion,
    kind,
    metadata: { name, namespace, labels, annotations, finalizers },
  };
}

export interface MirrorReport {
  applied: number;
  /** `Kind ns/name: reason` of each object the real server refused. */
  refused: string[];
}

/** Mirrors every object of the kinds both servers serve; namespaces and accounts first. */
export async function mirrorIntoRealCluster(
  /** The sandbox cluster's URL, its own CA and an admin token. */
  sandbox: { url: string; caData: string; adminToken: string },
  kube: RealKubeApiServer,
): Promise<MirrorReport> {
  const source = kubeRequester(sandbox.url, sandbox.caData, sandbox.adminToken);
  const real = await resources(kube.request);
  const servedByReal = new Set(real.map(r => `${r.groupVersion}/${r.name}`));
  // Whether status is a subresource is the real server's to say.
  const realStatus = new Set(
    real.filter(r => r.hasStatus).map(r => `${r.groupVersion}/${r.name}`),
  );
  const order = (r: Resource) =>
    ['namespaces', 'serviceaccounts', 'nodes'].indexOf(r.name) + 1 || 10;
  const kinds = (await resources(source))
    .filter(r => !SKIPPED.has(r.name))
    .filter(r => servedByReal.has(`${r.groupVersion}/${r.name}`))
    .sort((a, b) => order(a) - order(b));
  const report: MirrorReport = { applied: 0, refused: [] };
  let teamNamespaces = new Set<string>();
  for (const resource of kinds) {
    const list = await source('GET', `${resource.prefix}/${resource.name}`);
    const items: Obj[] = list.body?.items ?? [];
    if (resource.name === 'namespaces') {
      teamNamespaces = new Set(
        items
          .filter(n =>
            Object.keys(n.metadata?.labels ?? {}).some(k => k.includes('team')),
          )
          .map(n => n.metadata.name),
      );
    }
    const statusSubresource = realStatus.has(
      `${resource.groupVersion}/${resource.name}`,
    );
    for (const item of items) {
      const object = forApply(
        item,
        resource.groupVersion,
        resource.kind,
        !statusSubresource,
      );
      const { name, namespace } = object.metadata;
      if (name?.startsWith('system:') || namespace === 'kube-node-lease') {
        continue;
      }
      const path = `${resource.prefix}${
        resource.namespaced ? `/namespaces/${namespace}` : ''
      }/${resource.name}/${name}`;
      const manager = fieldManager(object, teamNamespaces);
      try {
        await applyAs(kube, path, object, manager);
        if (statusSubresource && item.status) {
          const statusManager =
            resource.kind === 'Node' || resource.kind === 'Pod'
              ? 'kubelet'
              : manager;
          await applyAs(
            kube,
            path,
            {
              apiVersion: resource.groupVersion,
              kind: resource.kind,
              metadata: { name, namespace },
              status: item.status,
            },
            statusManager,
            { subresource: 'status' },
          );
        }
        report.applied++;
      } catch (error) {
        report.refused.push(
          `${resource.kind} ${namespace ? `${namespace}/` : ''}${name}: ${
            (error as Error).message
          }`,
        );
      }
    }
  }
  return report;
}
