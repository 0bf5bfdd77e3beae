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

import { Entity } from '@backstage/catalog-model';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import {
  ANNOTATIONS,
  ExploreTarget,
  GrafanaRange,
} from '@platform-portal/plugin-platform-common';

/** The range Explore opens on. */
export const EXPLORE_RANGE: GrafanaRange = { from: 'now-1h', to: 'now' };

/** Grafana's public URL and the Explore targets `platform.links.grafana` names. */
export interface GrafanaLinkTargets {
  baseUrl?: string;
  tempo?: ExploreTarget;
  loki?: ExploreTarget;
}

export function useGrafanaLinkTargets(): GrafanaLinkTargets {
  const config = useApi(configApiRef);
  const grafana = config.getOptionalConfig('platform.links.grafana');
  if (!grafana) {
    return {};
  }
  const baseUrl = grafana.getString('baseUrl');
  const target = (key: string): ExploreTarget | undefined => {
    const uid = grafana.getOptionalString(`datasources.${key}`);
    return uid
      ? { baseUrl, datasourceUid: uid, range: EXPLORE_RANGE }
      : undefined;
  };
  return { baseUrl, tempo: target('tempo'), loki: target('loki') };
}

/** The name the service's spans carry in `resource.service.name`. */
export function tracingServiceName(entity: Entity): string {
  const a = entity.metadata.annotations ?? {};
  return (
    a[ANNOTATIONS.tracingServiceName]?.trim() ||
    a[ANNOTATIONS.kubernetesId]?.trim() ||
    entity.metadata.name
  );
}

/** The app and namespace the entity's log streams are labelled with. */
export function logStreamOf(entity: Entity): {
  app: string;
  namespace?: string;
} {
  const a = entity.metadata.annotations ?? {};
  return {
    app: a[ANNOTATIONS.kubernetesId]?.trim() || entity.metadata.name,
    namespace: a[ANNOTATIONS.kubernetesNamespace]?.trim() || undefined,
  };
}
