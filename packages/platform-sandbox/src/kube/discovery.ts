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

import { apiVersionOf, isVirtual, ResourceRegistry, ResourceType } from './resources';

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** The `/version` body for a cluster running gitVersion (e.g. `v1.33.4+rke2r1`). */
export function versionInfo(gitVersion: string): Record<string, string> {
  const [major, minor] = gitVersion.replace(/^v/, '').split('.');
  return {
    major,
    minor,
    gitVersion,
    gitCommit: 'a78aa47129b8539636eb86a9d00e31b2720fe06b',
    gitTreeState: 'clean',
    buildDate: '2025-08-12T18:00:00Z',
    goVersion: 'go1.24.5',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

export function apiVersions(serverAddress: string): Record<string, unknown> {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function groupEntry(group: string, versions: string[]): Record<string, unknown> {
  const list = versions.map(version => ({ groupVersion: `${group}/${version}`, version }));
  return { name: group, versions: list, preferredVersion: list[0] };
}

export function apiGroupList(registry: ResourceRegistry): Record<string, unknown> {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: registry
      .groupVersions()
      .filter(g => g.group !== '')
      .map(g => groupEntry(g.group, g.versions)),
  };
}

export function apiGroup(registry: ResourceRegistry, group: string): Record<string, unknown> | undefined {
  const found = registry.groupVersions().find(g => g.group === group && group !== '');
  return found ? { kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(group, found.versions) } : undefined;
}

function verbsOf(type: ResourceType): string[] {
  if (type.readOnly) return ['get', 'list'];
  if (type.kind === 'SelfSubjectAccessReview') return ['create'];
  // Namespaces are deleted one by one: upstream serves no deletecollection for them.
  if (type.kind === 'Namespace' && type.group === '') return ALL_VERBS.filter(v => v !== 'deletecollection');
  return ALL_VERBS;
}

/** `APIResourceList` for one group version; main resources come before their subresources. */
export function apiResourceList(
  registry: ResourceRegistry,
  group: string,
  version: string,
): Record<string, unknown> | undefined {
  const types = registry.inGroupVersion(group, version);
  if (types.length === 0) return undefined;
  const resources: Array<Record<string, unknown>> = [];
  for (const type of types) {
    resources.push({
      name: type.plural,
      singularName: type.singular,
      namespaced: type.namespaced,
      kind: type.kind,
      verbs: verbsOf(type),
      ...(type.shortNames ? { shortNames: type.shortNames } : {}),
      ...(type.categories ? { categories: type.categories } : {}),
      ...(isVirtual(type) ? {} : { storageVersionHash: Buffer.from(type.kind).toString('base64').slice(0, 11) }),
    });
  }
  for (const type of types) {
    for (const sub of type.subresources) {
      const name = `${type.plural}/${sub}`;
      if (sub === 'scale') {
        resources.push({ name, singularName: '', namespaced: type.namespaced, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] });
      } else {
        resources.push({ name, singularName: '', namespaced: type.namespaced, kind: type.kind, verbs: sub === 'log' ? ['get'] : ['get', 'patch', 'update'] });
      }
    }
  }
  // The core group's list carries no apiVersion upstream; named groups' lists do.
  return { kind: 'APIResourceList', ...(group ? { apiVersion: 'v1' } : {}), groupVersion: apiVersionOf(group, version), resources };
}

/** Minimal OpenAPI v3 index and per-group documents, enough for kubectl's fieldValidation check. */
export function openApiIndex(registry: ResourceRegistry, prefix: string): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const { group, versions } of registry.groupVersions()) {
    for (const version of versions) {
      const key = group ? `apis/${group}/${version}` : `api/${version}`;
      paths[key] = { serverRelativeURL: `${prefix}/openapi/v3/${key}?hash=sandbox` };
    }
  }
  return { paths };
}

export function openApiDocument(registry: ResourceRegistry, group: string, version: string): Record<string, unknown> | undefined {
  const types = registry.inGroupVersion(group, version).filter(t => !isVirtual(t));
  if (types.length === 0 && registry.inGroupVersion(group, version).length === 0) return undefined;
  const base = group ? `/apis/${group}/${version}` : `/api/${version}`;
  const paths: Record<string, unknown> = {};
  for (const type of types) {
    const path = type.namespaced
      ? `${base}/namespaces/{namespace}/${type.plural}/{name}`
      : `${base}/${type.plural}/{name}`;
    paths[path] = {
      patch: {
        operationId: `patch${type.kind}`,
        'x-kubernetes-group-version-kind': { group, version, kind: type.kind },
        parameters: [
          { name: 'fieldManager', in: 'query', schema: { type: 'string' } },
          { name: 'fieldValidation', in: 'query', schema: { type: 'string' } },
          { name: 'force', in: 'query', schema: { type: 'boolean' } },
          { name: 'dryRun', in: 'query', schema: { type: 'string' } },
        ],
        responses: { '200': { description: 'OK' } },
      },
    };
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'sandbox' }, paths, components: { schemas: {} } };
}
