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

import { createComponentExtension } from '@backstage/core-plugin-api';
import { platformLegacyPlugin } from './plugin';

/** Legacy app: the cluster overview card for kubernetes-cluster resources. @public */
export const EntityClusterOverviewCard: () => JSX.Element =
  platformLegacyPlugin.provide(
    createComponentExtension({
      name: 'EntityClusterOverviewCard',
      component: {
        lazy: () =>
          import('../components/ClusterEntity').then(
            m => m.ClusterOverviewCard,
          ),
      },
    }),
  );

/** Legacy app: the 13-layer health card for kubernetes-cluster resources. @public */
export const EntityClusterLayersCard: () => JSX.Element =
  platformLegacyPlugin.provide(
    createComponentExtension({
      name: 'EntityClusterLayersCard',
      component: {
        lazy: () =>
          import('../components/ClusterEntity').then(m => m.ClusterLayersCard),
      },
    }),
  );

/** Legacy app: the nodes of a kubernetes-cluster resource. @public */
export const EntityClusterNodesCard: () => JSX.Element =
  platformLegacyPlugin.provide(
    createComponentExtension({
      name: 'EntityClusterNodesCard',
      component: {
        lazy: () =>
          import('../components/ClusterEntity').then(m => m.ClusterNodesCard),
      },
    }),
  );

/** Legacy app: scale and upgrade buttons for the platform team. @public */
export const EntityClusterActionsCard: () => JSX.Element | null =
  platformLegacyPlugin.provide(
    createComponentExtension({
      name: 'EntityClusterActionsCard',
      component: {
        lazy: () =>
          import('../components/ClusterEntity').then(m => m.ClusterActionsCard),
      },
    }),
  );

/** Legacy app: a component's images and charts in Nexus. @public */
export const EntityNexusCard: () => JSX.Element = platformLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityNexusCard',
    component: {
      lazy: () => import('../components/NexusCard').then(m => m.NexusCard),
    },
  }),
);

/** Legacy app: a component's GitLab pipelines. @public */
export const EntityGitLabCard: () => JSX.Element = platformLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityGitLabCard',
    component: {
      lazy: () => import('../components/GitLabCard').then(m => m.GitLabCard),
    },
  }),
);

/** Legacy app: a component's Grafana dashboards, alerts, traces and logs. @public */
export const EntityGrafanaCard: () => JSX.Element =
  platformLegacyPlugin.provide(
    createComponentExtension({
      name: 'EntityGrafanaCard',
      component: {
        lazy: () =>
          import('../components/GrafanaCard').then(m => m.GrafanaCard),
      },
    }),
  );

/** Legacy app: Argo CD applications of a component, with sync and rollback. @public */
export const EntityArgocdCard: () => JSX.Element = platformLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityArgocdCard',
    component: {
      lazy: () => import('../components/ArgocdCard').then(m => m.ArgocdCard),
    },
  }),
);

/**
 * Legacy app: a component's workloads on every cluster, what is wrong first,
 * with pods, events and logs; for an `EntityLayout.Route` of its own.
 *
 * @public
 */
export const EntityWorkloadsContent: () => JSX.Element =
  platformLegacyPlugin.provide(
    createComponentExtension({
      name: 'EntityWorkloadsContent',
      component: {
        lazy: () =>
          import('../components/Workloads').then(m => m.WorkloadsContent),
      },
    }),
  );

/** Legacy app: the delivery path of a component's latest commits. @public */
export const EntityDeliveryPathCard: () => JSX.Element =
  platformLegacyPlugin.provide(
    createComponentExtension({
      name: 'EntityDeliveryPathCard',
      component: {
        lazy: () =>
          import('../components/DeliveryPath').then(m => m.DeliveryPathCard),
      },
    }),
  );

/**
 * Legacy app: firing alerts, Argo CD on every cluster and the latest
 * pipeline; put it first in the component page's Overview grid, under
 * `<EntitySwitch.Case if={hasDeploymentAnnotations}>`.
 *
 * @public
 */
export const EntityDeploymentStatusCard: () => JSX.Element =
  platformLegacyPlugin.provide(
    createComponentExtension({
      name: 'EntityDeploymentStatusCard',
      component: {
        lazy: () =>
          import('../components/DeploymentStatus').then(
            m => m.DeploymentStatusCard,
          ),
      },
    }),
  );
