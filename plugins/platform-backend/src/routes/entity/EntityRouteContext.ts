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

import { AuditorService } from '@backstage/backend-plugin-api';
import { UpstreamClients } from '../../clients/UpstreamClients';
import { UpstreamOwnership } from '../../ownership/UpstreamOwnership';
import { PlatformApiRouter } from '../PlatformApiRouter';
import { EntityLoader } from './EntityLoader';
import { SharedReadCache } from './SharedReadCache';

/**
 * What every `/entity/:namespace/:kind/:name/...` route needs: the entity as
 * the caller may see it, the upstream clients, and the cache all viewers
 * share. A route loads the entity first (400/401/403/404), reads its
 * annotations, then reads upstream through `cache` under a key built from
 * what it reads (never from who asks).
 */
export interface EntityRouteContext {
  router: PlatformApiRouter;
  entities: EntityLoader;
  clients: UpstreamClients;
  /** Names of the configured clusters. */
  clusters: string[];
  cache: SharedReadCache;
  /** Which team owns which upstream object, from the platform's config. */
  ownership: UpstreamOwnership;
  /** Records refused reads of another team's upstream objects. */
  auditor: AuditorService;
}
