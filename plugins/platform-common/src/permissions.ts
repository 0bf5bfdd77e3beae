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

import { createPermission } from '@backstage/plugin-permission-common';

/** Read the health of clusters and layers. @public */
export const platformHealthReadPermission = createPermission({
  name: 'platform.health.read',
  attributes: { action: 'read' },
});

/**
 * Read what the portal shows on an entity's page from upstreams (Nexus,
 * GitLab, Grafana, ArgoCD). The catalog still decides which entities the
 * caller may see.
 *
 * @public
 */
export const platformEntityReadPermission = createPermission({
  name: 'platform.entity.read',
  attributes: { action: 'read' },
});

/** Provision, scale and upgrade clusters. @public */
export const platformClusterProvisionPermission = createPermission({
  name: 'platform.cluster.provision',
  attributes: { action: 'create' },
});

/** Sync an ArgoCD application. @public */
export const platformArgocdSyncPermission = createPermission({
  name: 'platform.argocd.sync',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/** Roll back an ArgoCD application. @public */
export const platformArgocdRollbackPermission = createPermission({
  name: 'platform.argocd.rollback',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/** Use the self-service scaffolder actions on a team's namespaces. @public */
export const platformSelfServicePermission = createPermission({
  name: 'platform.selfservice.use',
  attributes: { action: 'create' },
});

/** @public */
/**
 * Restart or scale a workload from the portal. The change is sent with the
 * person's own Kubernetes rights (impersonation), so the cluster's RBAC has
 * the last word; this permission lets a policy take the buttons away.
 *
 * @public
 */
export const platformWorkloadOperatePermission = createPermission({
  name: 'platform.workload.operate',
  attributes: { action: 'update' },
});

/** @public */
export const platformPermissions = [
  platformHealthReadPermission,
  platformEntityReadPermission,
  platformClusterProvisionPermission,
  platformArgocdSyncPermission,
  platformArgocdRollbackPermission,
  platformSelfServicePermission,
  platformWorkloadOperatePermission,
];

/**
 * Create or change a team's namespace through self-service. The resource is
 * the catalog Group that owns the namespace, or an entity that group owns,
 * so the decision follows team membership.
 *
 * @public
 */
export const platformNamespaceWritePermission = createPermission({
  name: 'platform.namespace.write',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});
