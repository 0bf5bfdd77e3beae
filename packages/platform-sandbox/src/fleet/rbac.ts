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

import { KubeObject } from '../kube/objects';
import { RESOURCE_TYPES } from '../kube/resources';
import { ObjectStore } from '../kube/store';
import { upsert } from './objectWrites';

const RBAC = 'rbac.authorization.k8s.io';

export const READER_NAMESPACE = 'backstage';
export const READER_NAME = 'portal-reader';
export const ADMIN_USER = 'sandbox-admin';

export const IMPERSONATOR_ROLE = 'platform-portal-impersonator';
export const IMPERSONATOR_RULES = [{ apiGroups: [''], resources: ['users', 'groups'], verbs: ['impersonate'] }];

export interface TeamAccess {
  team: string;
  /** Namespaces the team's service account may do everything in. */
  namespaces: string[];
}

export function teamServiceAccount(team: TeamAccess): { namespace: string; name: string } {
  return { namespace: team.namespaces[0], name: `${team.team}-deployer` };
}

export function serviceAccountUser(namespace: string, name: string) {
  return {
    username: `system:serviceaccount:${namespace}:${name}`,
    groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'],
  };
}

function clusterRole(name: string, rules: unknown[], labels: Record<string, string> = {}): KubeObject {
  return { apiVersion: `${RBAC}/v1`, kind: 'ClusterRole', metadata: { name, labels }, rules };
}

function binding(kind: 'ClusterRoleBinding' | 'RoleBinding', name: string, role: string, subjects: unknown[], namespace?: string): KubeObject {
  return {
    apiVersion: `${RBAC}/v1`,
    kind,
    metadata: { name, ...(namespace ? { namespace } : {}) },
    roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: role },
    subjects,
  };
}

/** Read access to every kind the cluster serves except Secrets, as the built-in `view` role does. */
function readerRules(): unknown[] {
  const byGroup = new Map<string, string[]>();
  for (const type of RESOURCE_TYPES) {
    if (type.plural === 'secrets' || type.kind === 'SelfSubjectAccessReview') continue;
    byGroup.set(type.group, [...(byGroup.get(type.group) ?? []), type.plural, ...type.subresources.map(s => `${type.plural}/${s}`)]);
  }
  return [...byGroup].map(([group, resources]) => ({ apiGroups: [group], resources, verbs: ['get', 'list', 'watch'] }));
}

/** What a team's people may do in their namespaces, bound to their group. */
export const DEVELOPER_ROLE = 'platform-team-developer';
/** The same across the cluster, bound to the platform team's group (its catalog name). */
export const OPERATOR_ROLE = 'platform-operator';
export const PLATFORM_TEAM_GROUP = 'platform-team';

function developerRules(): unknown[] {
  const workloads = ['deployments', 'statefulsets', 'daemonsets'];
  return [
    ...readerRules(),
    { apiGroups: ['apps'], resources: workloads, verbs: ['patch'] },
    { apiGroups: ['apps'], resources: ['deployments/scale', 'statefulsets/scale'], verbs: ['get', 'patch', 'update'] },
  ];
}

/** The RBAC objects behind the sandbox's tokens: admin, the portal's reader, one deployer per team. */
export function buildRbac(store: ObjectStore, teams: TeamAccess[]): void {
  upsert(store, `clusterroles.${RBAC}`, clusterRole('cluster-admin', [
    { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
    { nonResourceURLs: ['*'], verbs: ['*'] },
  ], { 'kubernetes.io/bootstrapping': 'rbac-defaults' }));
  upsert(store, `clusterrolebindings.${RBAC}`, binding('ClusterRoleBinding', 'cluster-admin', 'cluster-admin', [
    { apiGroup: RBAC, kind: 'Group', name: 'system:masters' },
  ]));
  upsert(store, `clusterroles.${RBAC}`, clusterRole('platform-portal-reader', readerRules()));
  upsert(store, 'serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: READER_NAME, namespace: READER_NAMESPACE } });
  upsert(store, `clusterrolebindings.${RBAC}`, binding('ClusterRoleBinding', 'platform-portal-reader', 'platform-portal-reader', [
    { kind: 'ServiceAccount', name: READER_NAME, namespace: READER_NAMESPACE },
  ]));
  // Requests on behalf of a signed-in person carry Impersonate-User/-Group:
  // the portal may act as people and their groups, never as a ServiceAccount.
  upsert(store, `clusterroles.${RBAC}`, clusterRole(IMPERSONATOR_ROLE, IMPERSONATOR_RULES));
  upsert(store, `clusterrolebindings.${RBAC}`, binding('ClusterRoleBinding', IMPERSONATOR_ROLE, IMPERSONATOR_ROLE, [
    { kind: 'ServiceAccount', name: READER_NAME, namespace: READER_NAMESPACE },
  ]));
  upsert(store, `clusterroles.${RBAC}`, clusterRole('platform-team-admin', [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }]));
  upsert(store, `clusterroles.${RBAC}`, clusterRole(DEVELOPER_ROLE, developerRules()));
  // The platform team's people read and restart or scale workloads on every namespace.
  upsert(store, `clusterroles.${RBAC}`, clusterRole(OPERATOR_ROLE, developerRules()));
  upsert(store, `clusterrolebindings.${RBAC}`, binding('ClusterRoleBinding', OPERATOR_ROLE, OPERATOR_ROLE, [
    { apiGroup: RBAC, kind: 'Group', name: PLATFORM_TEAM_GROUP },
  ]));
  for (const team of teams) {
    const sa = teamServiceAccount(team);
    // The team's people (their catalog group's name) read their namespaces
    // and restart or scale their workloads; they never read Secrets.
    for (const namespace of team.namespaces) {
      upsert(store, `rolebindings.${RBAC}`, binding('RoleBinding', `${team.team}-developers`, DEVELOPER_ROLE, [
        { apiGroup: RBAC, kind: 'Group', name: team.team },
      ], namespace));
    }
    upsert(store, 'serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: sa.name, namespace: sa.namespace, labels: { team: team.team } } });
    for (const namespace of team.namespaces) {
      upsert(store, `rolebindings.${RBAC}`, binding('RoleBinding', `${team.team}-admin`, 'platform-team-admin', [
        { kind: 'ServiceAccount', name: sa.name, namespace: sa.namespace },
      ], namespace));
    }
  }
}

/** The binding the `unexpected-cluster-admin` fault adds: a person holding cluster-admin. */
export const UNEXPECTED_ADMIN_BINDING = binding('ClusterRoleBinding', 'debug-cluster-admin', 'cluster-admin', [
  { apiGroup: RBAC, kind: 'User', name: 'contractor@example.com' },
]);
