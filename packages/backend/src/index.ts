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

import { createBackend } from '@backstage/backend-defaults';
import { catalogModulePlatformLocationTrust } from '@platform-portal/plugin-catalog-backend-module-platform';
import {
  kubernetesModulePlatformClusters,
  searchModulePlatformCollators,
} from '@platform-portal/plugin-platform-backend';
import { scaffolderModuleTrustedGitlab } from '@platform-portal/plugin-scaffolder-backend-module-platform';
import { redisCacheServiceFactory } from './cache/redisCacheServiceFactory';

const backend = createBackend();

// The cache (Redis in production) that survives Redis going away.
backend.add(redisCacheServiceFactory);

backend.add(import('@backstage/plugin-app-backend'));
// The event bus: an event published on one replica reaches the subscribers on
// every replica (through the database), and webhooks come in over HTTP.
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// Sign-in: guest for the embedded default, OIDC (Dex) in production.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-auth-backend-module-oidc-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@backstage/plugin-catalog-backend-module-ldap'));
// Kubernetes clusters (config and Cluster API) as kubernetes-cluster resources.
backend.add(import('@platform-portal/plugin-catalog-backend-module-platform'));
// Registered locations hold only their team's entities, and no Templates,
// Groups, Users, Systems or clusters (see catalog.rules).
backend.add(catalogModulePlatformLocationTrust);

backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);
// The GitLab actions, refusing templates from locations the platform does
// not control (in place of @backstage/plugin-scaffolder-backend-module-gitlab).
backend.add(scaffolderModuleTrustedGitlab);

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@platform-portal/plugin-permission-backend-module-platform'),
);

backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));
// The fleet's clusters with their current verdicts, and the runbooks.
backend.add(searchModulePlatformCollators);
backend.add(import('@backstage/plugin-techdocs-backend'));

// The official Kubernetes backend: the entity page's Kubernetes tab.
backend.add(import('@backstage/plugin-kubernetes-backend'));
// ...fed with the clusters the platform plugins watch (platform.clusters).
backend.add(kubernetesModulePlatformClusters);

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// Platform Portal.
backend.add(import('@platform-portal/plugin-platform-backend'));
backend.add(
  import('@platform-portal/plugin-scaffolder-backend-module-platform'),
);

// A replica that fails to start (e.g. it lost the race for the database
// migration lock to another replica starting at the same moment) exits, so
// its supervisor starts it again, instead of staying up and never ready.
backend.start().catch(error => {
  process.stderr.write(`Backend startup failed, exiting: ${error}\n`);
  process.exit(1);
});
