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
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  compatWrapper,
  convertLegacyRouteRef,
} from '@backstage/core-compat-api';
import DashboardIcon from '@material-ui/icons/Dashboard';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { platformApiRef } from './api/PlatformApi';
import { PlatformClient } from './api/PlatformClient';
import { rootRouteRef } from './routes';
import { hasDeploymentAnnotations } from './components/DeploymentStatus/hasDeploymentAnnotations';
import {
  clusterPickerFormField,
  hostnameFormField,
  manifestPreviewFormField,
  namespacePickerFormField,
  selfServiceApi,
  servicePickerFormField,
  servicePortPickerFormField,
} from './scaffolder';

const platformApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: platformApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new PlatformClient({ discoveryApi, fetchApi }),
    }),
});

const platformPage = PageBlueprint.make({
  params: {
    path: '/platform',
    title: 'Platform',
    icon: <DashboardIcon />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    noHeader: true,
    loader: () =>
      import('./components/Router').then(m => compatWrapper(<m.Router />)),
  },
});

const CLUSTER_FILTER = 'kind:resource,spec.type:kubernetes-cluster';

const clusterOverviewCard = EntityCardBlueprint.make({
  name: 'cluster-overview',
  params: {
    filter: CLUSTER_FILTER,
    type: 'info',
    loader: () =>
      import('./components/ClusterEntity').then(m =>
        compatWrapper(<m.ClusterOverviewCard />),
      ),
  },
});

const clusterLayersCard = EntityCardBlueprint.make({
  name: 'cluster-layers',
  params: {
    filter: CLUSTER_FILTER,
    loader: () =>
      import('./components/ClusterEntity').then(m =>
        compatWrapper(<m.ClusterLayersCard />),
      ),
  },
});

const clusterActionsCard = EntityCardBlueprint.make({
  name: 'cluster-actions',
  params: {
    filter: CLUSTER_FILTER,
    type: 'info',
    loader: () =>
      import('./components/ClusterEntity').then(m =>
        compatWrapper(<m.ClusterActionsCard />),
      ),
  },
});

const clusterNodesContent = EntityContentBlueprint.make({
  name: 'cluster-nodes',
  params: {
    path: '/nodes',
    title: 'Nodes',
    filter: CLUSTER_FILTER,
    loader: () =>
      import('./components/ClusterEntity').then(m =>
        compatWrapper(<m.ClusterNodesCard />),
      ),
  },
});

/** First on a component's Overview (app-config.yaml lists it before the catalog's cards). */
const deploymentStatusCard = EntityCardBlueprint.make({
  name: 'deployment-status',
  params: {
    filter: hasDeploymentAnnotations,
    loader: () =>
      import('./components/DeploymentStatus').then(m =>
        compatWrapper(<m.DeploymentStatusCard />),
      ),
  },
});

/** A component whose workloads the catalog names: where they run and what is wrong. */
const workloadsContent = EntityContentBlueprint.make({
  name: 'workloads',
  params: {
    path: '/workloads',
    title: 'Workloads',
    filter: {
      kind: 'component',
      'metadata.annotations.backstage.io/kubernetes-namespace': {
        $exists: true,
      },
    },
    loader: () =>
      import('./components/Workloads').then(m =>
        compatWrapper(<m.WorkloadsContent />),
      ),
  },
});

const argocdCard = EntityCardBlueprint.make({
  name: 'argocd',
  params: {
    filter: 'kind:component',
    loader: () =>
      import('./components/ArgocdCard').then(m =>
        compatWrapper(<m.ArgocdCard />),
      ),
  },
});

const nexusCard = EntityCardBlueprint.make({
  name: 'nexus',
  params: {
    filter: 'kind:component',
    loader: () =>
      import('./components/NexusCard').then(m =>
        compatWrapper(<m.NexusCard />),
      ),
  },
});

const gitlabCard = EntityCardBlueprint.make({
  name: 'gitlab',
  params: {
    filter: 'kind:component',
    loader: () =>
      import('./components/GitLabCard').then(m =>
        compatWrapper(<m.GitLabCard />),
      ),
  },
});

const grafanaCard = EntityCardBlueprint.make({
  name: 'grafana',
  params: {
    filter: 'kind:component',
    loader: () =>
      import('./components/GrafanaCard').then(m =>
        compatWrapper(<m.GrafanaCard />),
      ),
  },
});

const deliveryContent = EntityContentBlueprint.make({
  name: 'delivery',
  params: {
    path: '/delivery',
    title: 'Delivery',
    filter: 'kind:component',
    loader: () =>
      import('./components/DeliveryPath').then(m =>
        compatWrapper(<m.DeliveryPathCard />),
      ),
  },
});

const clusterReadinessContent = EntityContentBlueprint.make({
  name: 'cluster-readiness',
  params: {
    path: '/readiness',
    title: 'Readiness',
    filter: CLUSTER_FILTER,
    loader: () =>
      import('./components/BuildOutReadiness').then(m =>
        compatWrapper(<m.EntityClusterReadinessContent />),
      ),
  },
});

const clusterUpgradesContent = EntityContentBlueprint.make({
  name: 'cluster-upgrades',
  params: {
    path: '/upgrades',
    title: 'Upgrades',
    filter: CLUSTER_FILTER,
    loader: () =>
      import('./components/ClusterUpgrades').then(m =>
        compatWrapper(<m.EntityClusterUpgradesContent />),
      ),
  },
});

/** The fleet's worst clusters on the home page. */
const fleetAttentionWidget = HomePageWidgetBlueprint.make({
  name: 'fleet-attention',
  params: {
    name: 'PlatformFleetAttention',
    title: 'Clusters that need attention',
    description: 'The clusters to look at first, worst first',
    components: () =>
      import('./components/FleetAttention').then(m => ({
        Content: () => compatWrapper(<m.FleetAttentionContent />),
      })),
  },
});

/** The signed-in person's services with their state on every cluster. */
const yourServicesWidget = HomePageWidgetBlueprint.make({
  name: 'your-services',
  params: {
    name: 'PlatformYourServices',
    title: 'Your services',
    description:
      "Your teams' components with Argo CD sync and health per cluster",
    components: () =>
      import('./components/YourWork').then(m => ({
        Content: () => compatWrapper(<m.YourServicesContent />),
      })),
  },
});

/** The open problems on the layers the signed-in person's teams own. */
const teamProblemsWidget = HomePageWidgetBlueprint.make({
  name: 'team-problems',
  params: {
    name: 'PlatformTeamProblems',
    title: "Your team's open problems",
    description: 'Critical and warning layers your groups own, worst first',
    components: () =>
      import('./components/YourWork').then(m => ({
        Content: () => compatWrapper(<m.TeamProblemsContent />),
      })),
  },
});

/**
 * The platform plugin for the new frontend system.
 *
 * @public
 */
export const platformPlugin = createFrontendPlugin({
  pluginId: 'platform',
  title: 'Platform',
  icon: <DashboardIcon />,
  info: { packageJson: () => import('../package.json') },
  extensions: [
    platformApi,
    platformPage,
    selfServiceApi,
    namespacePickerFormField,
    hostnameFormField,
    clusterPickerFormField,
    servicePickerFormField,
    servicePortPickerFormField,
    manifestPreviewFormField,
    clusterOverviewCard,
    clusterLayersCard,
    clusterActionsCard,
    clusterNodesContent,
    clusterReadinessContent,
    clusterUpgradesContent,
    deploymentStatusCard,
    argocdCard,
    nexusCard,
    gitlabCard,
    grafanaCard,
    deliveryContent,
    workloadsContent,
    fleetAttentionWidget,
    yourServicesWidget,
    teamProblemsWidget,
  ],
  routes: {
    root: convertLegacyRouteRef(rootRouteRef),
  },
});
