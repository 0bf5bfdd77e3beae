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

import { ServiceUnavailableError } from '@backstage/errors';
import {
  ANNOTATIONS,
  EntityDeliveryResponse,
} from '@platform-portal/plugin-platform-common';
import { notConfigured as upstreamNotConfigured } from '../clients/UpstreamClients';
import { deliveryPathOf } from '../delivery/deliveryPath';
import { readCommits, readDeliveryFacts } from '../delivery/readDeliveryFacts';
import { auditedRefusal } from '../ownership/auditedRefusal';
import { annotationOf, notConfigured } from './entity/entityAnnotations';
import { EntityRouteContext } from './entity/EntityRouteContext';

/** How many of the default branch's newest commits the timeline follows. */
const LATEST_COMMITS = 5;

/**
 * GET /delivery/:namespace/:kind/:name: the entity's latest commits, each
 * with the guide's delivery path. Every upstream read goes through the cache
 * all viewers share; an upstream that cannot be read turns its stages
 * `unknown` with the reason, and only GitLab itself (where the commits come
 * from) fails the whole answer.
 */
export function deliveryRoutes(context: EntityRouteContext): void {
  const { router, entities, clients, cache, clusters, ownership } = context;
  router.get('/delivery/:namespace/:kind/:name', async (req, res) => {
    const { entity, credentials } = await entities.load(req);
    const slug = annotationOf(entity, ANNOTATIONS.gitlabProjectSlug);
    if (!slug) {
      const body: EntityDeliveryResponse = notConfigured(entity, [
        ANNOTATIONS.gitlabProjectSlug,
      ]);
      res.json(body);
      return;
    }
    const gitlab = clients.gitlab();
    if (!gitlab) {
      throw new ServiceUnavailableError(upstreamNotConfigured('gitlab'));
    }
    const read = { clients, cache, clusters };
    const actor = await ownership.actor(credentials);
    // The same rule as the GitLab, Argo CD and Nexus cards: the entity's
    // owner's objects only, for viewers who could read them.
    const [{ project, commits }, facts] = await Promise.all([
      readCommits(read, gitlab, slug, LATEST_COMMITS, path =>
        auditedRefusal(
          context.auditor,
          req,
          { upstream: 'gitlab', object: path },
          () =>
            ownership.requireShown(
              'gitlab',
              `GitLab project ${path}`,
              ownership.gitlabOwner(path),
              entity,
              actor,
            ),
        ),
      ),
      readDeliveryFacts(read, entity, {
        application: app =>
          ownership.mayShow(ownership.argocdOwner(app.project), entity, actor),
        image: (repository, image) =>
          ownership.mayShow(
            ownership.nexusOwner(repository, image),
            entity,
            actor,
          ),
      }),
    ]);
    const body: EntityDeliveryResponse = {
      configured: true,
      project: {
        path: project.path,
        defaultBranch: project.defaultBranch,
        ...(project.webUrl ? { webUrl: project.webUrl } : {}),
      },
      changes: commits.map(commit => deliveryPathOf(commit, facts)),
      observedAt: new Date().toISOString(),
    };
    res.json(body);
  });
}
