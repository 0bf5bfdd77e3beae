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

import { KubernetesObject } from '@kubernetes/client-node';
import { invalid } from '../validation';
import { ClusterObjects } from './ClusterObjects';

interface ServicePort {
  port: number;
  name?: string;
}

function portsOf(service: KubernetesObject): ServicePort[] {
  return (
    (service as { spec?: { ports?: ServicePort[] } }).spec?.ports ?? []
  ).filter(p => typeof p.port === 'number');
}

function describeServices(services: KubernetesObject[]): string {
  if (services.length === 0) return 'it has no Service yet';
  const shown = services.slice(0, 10).map(
    s =>
      `${s.metadata?.name} (${
        portsOf(s)
          .map(p => p.port)
          .join(', ') || 'no port'
      })`,
  );
  const more = services.length > shown.length ? ', …' : '';
  return `Services there: ${shown.join(', ')}${more}`;
}

/**
 * The API server accepts a route to a Service that does not exist, or to a
 * port the Service does not expose; only the gateway notices, after the
 * route is written. Checking first stops a template before it writes
 * anything. `backends` name their field as the action's input does.
 *
 * @public
 */
export async function requireBackendServices(
  objects: ClusterObjects,
  namespace: string,
  backends: { field: string; service: string; port: number }[],
): Promise<void> {
  const services = await objects.list('v1', 'Service', namespace);
  const byName = new Map(services.map(s => [s.metadata?.name, s]));
  for (const backend of backends) {
    const service = byName.get(backend.service);
    if (!service) {
      invalid(
        `${backend.field}.service`,
        `no Service ${
          backend.service
        } in namespace ${namespace}; ${describeServices(services)}`,
      );
    }
    const ports = portsOf(service).map(p => p.port);
    if (!ports.includes(backend.port)) {
      invalid(
        `${backend.field}.port`,
        `Service ${namespace}/${backend.service} exposes ${
          ports.length > 0 ? `port ${ports.join(', ')}` : 'no port'
        }, not ${backend.port}`,
      );
    }
  }
}
