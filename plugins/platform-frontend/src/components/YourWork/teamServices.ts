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

import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { CatalogApi } from '@backstage/plugin-catalog-react';
import {
  EntityArgocdResponse,
  HealthVerdict,
} from '@platform-portal/plugin-platform-common';
import { PlatformApi } from '../../api/PlatformApi';

/** A component of the person's teams and how Argo CD runs it. */
export interface TeamService {
  entity: Entity;
  argocd?: EntityArgocdResponse;
  failed?: string;
}

/** The catalog page of an entity. */
export function catalogPath(entity: Entity): string {
  const ref = getCompoundEntityRef(entity);
  return `/catalog/${encodeURIComponent(ref.namespace)}/${encodeURIComponent(
    ref.kind.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(ref.name)}`;
}

/**
 * The components the refs own, by name, the first `shown` with their Argo
 * CD applications on every cluster; `total` counts them all.
 */
export async function loadTeamServices(
  catalog: Pick<CatalogApi, 'getEntities'>,
  platform: Pick<PlatformApi, 'getEntityArgocd'>,
  ownershipEntityRefs: string[],
  shown: number,
): Promise<{ services: TeamService[]; total: number }> {
  if (ownershipEntityRefs.length === 0) return { services: [], total: 0 };
  const { items } = await catalog.getEntities({
    filter: { kind: 'Component', 'relations.ownedBy': ownershipEntityRefs },
  });
  const sorted = [...items].sort((a, b) =>
    a.metadata.name.localeCompare(b.metadata.name),
  );
  const services = await Promise.all(
    sorted.slice(0, shown).map(async (entity): Promise<TeamService> => {
      try {
        const argocd = await platform.getEntityArgocd(
          getCompoundEntityRef(entity),
        );
        return { entity, argocd };
      } catch (e) {
        return { entity, failed: (e as Error).message };
      }
    }),
  );
  return { services, total: items.length };
}

/** One application of a team's service that is not synced and healthy. */
export interface ServiceProblem {
  entity: Entity;
  instance: string;
  verdict: HealthVerdict;
  detail: string;
}

const VERDICT_ORDER: HealthVerdict[] = ['critical', 'warning', 'unknown'];

// Argo CD health states that mean the service is not serving as deployed.
const CRITICAL_HEALTH = new Set(['Degraded', 'Missing']);

/**
 * The open problems of a team's services: each application Argo CD does not
 * report as Synced and Healthy (Degraded or Missing is critical, anything
 * else a warning) and each Argo CD that did not answer, critical first.
 */
export function serviceProblems(services: TeamService[]): ServiceProblem[] {
  const problems = services.flatMap(({ entity, argocd: answer }) => {
    // An entity without the Argo CD annotation has no applications to show.
    const argocd = answer?.configured ? answer : undefined;
    return [
      ...(argocd?.applications ?? [])
        .filter(a => a.syncStatus !== 'Synced' || a.healthStatus !== 'Healthy')
        .map(
          (a): ServiceProblem => ({
            entity,
            instance: a.instance,
            verdict: CRITICAL_HEALTH.has(a.healthStatus)
              ? 'critical'
              : 'warning',
            detail: `${a.syncStatus}, ${a.healthStatus}`,
          }),
        ),
      ...(argocd?.instanceErrors ?? []).map(
        (e): ServiceProblem => ({
          entity,
          instance: e.instance,
          verdict: 'unknown',
          detail: 'Argo CD not answering',
        }),
      ),
    ];
  });
  const rank = (v: HealthVerdict) => VERDICT_ORDER.indexOf(v);
  return problems.sort(
    (a, b) =>
      rank(a.verdict) - rank(b.verdict) ||
      a.entity.metadata.name.localeCompare(b.entity.metadata.name) ||
      a.instance.localeCompare(b.instance),
  );
}
