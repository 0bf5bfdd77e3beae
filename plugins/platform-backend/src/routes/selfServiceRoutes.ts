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
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ManifestPreviewRequest,
  NamespaceService,
  NamespaceServicesResponse,
  platformNamespaceWritePermission,
  platformSelfServicePermission,
  PREVIEWABLE_TEMPLATES,
} from '@platform-portal/plugin-platform-common';
import { KubernetesObjectLike } from '@platform-portal/plugin-platform-node';
import { HealthReadModel } from '../health/HealthReadModel';
import { WorkloadReaderFor } from '../workloads/WorkloadService';
import { ManifestPreview } from '../selfService/ManifestPreview';
import { echo } from './echo';
import { PlatformApiRouter } from './PlatformApiRouter';
import { clusterParam } from './validation';

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

interface ServiceObject extends KubernetesObjectLike {
  spec?: {
    ports?: Array<{ port?: unknown; name?: string; protocol?: string }>;
  };
}

function servicesOf(items: ServiceObject[]): NamespaceService[] {
  return items
    .filter(s => s.metadata?.name)
    .map(s => ({
      name: s.metadata!.name!,
      ports: (s.spec?.ports ?? [])
        .filter(p => typeof p.port === 'number')
        .map(p => ({
          port: p.port as number,
          ...(p.name ? { name: p.name } : {}),
          ...(p.protocol ? { protocol: p.protocol } : {}),
        })),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The templates' checks before they write: the Services of a namespace (read
 * with the person's own Kubernetes rights) for the route template's pickers,
 * and the server-side dry run of everything a template would apply.
 */
export function selfServiceRoutes(
  router: PlatformApiRouter,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    health: HealthReadModel;
    preview: ManifestPreview;
    /** Readers with the person's own Kubernetes rights. */
    readersFor: (credentials: BackstageCredentials) => WorkloadReaderFor;
  },
): void {
  const { httpAuth, permissions, health, preview } = options;

  router.get(
    '/clusters/:cluster/namespaces/:namespace/services',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      const cluster = clusterParam(req);
      const namespace = req.params.namespace;
      if (!DNS_1123_LABEL.test(namespace)) {
        throw new InputError(
          `Invalid path parameter 'namespace': '${echo(
            namespace,
          )}' is not a namespace name (DNS-1123 label)`,
        );
      }
      health.requireCluster(cluster);
      const reader = options.readersFor(credentials)(cluster)!;
      const items = await reader.list<ServiceObject>(
        'v1',
        'Service',
        namespace,
      );
      const body: NamespaceServicesResponse = {
        cluster,
        namespace,
        services: servicesOf(items),
      };
      res.json(body);
    },
  );

  router.post('/self-service/preview', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const { template, parameters } = req.body as ManifestPreviewRequest;
    if (!PREVIEWABLE_TEMPLATES.includes(template)) {
      throw new InputError(
        `Invalid body field 'template': must be one of ${PREVIEWABLE_TEMPLATES.join(
          ', ',
        )}`,
      );
    }
    // Validates the parameters (400 naming the field) before anything is asked.
    const planned = preview.plan(template, parameters);
    const resourceRef = `group:default/${planned.team}`;
    const decisions = await permissions.authorize(
      [
        { permission: platformSelfServicePermission },
        { permission: platformNamespaceWritePermission, resourceRef },
      ],
      { credentials },
    );
    const missing = [
      platformSelfServicePermission.name,
      `${platformNamespaceWritePermission.name} on ${resourceRef}`,
    ].filter((_, i) => decisions[i].result !== AuthorizeResult.ALLOW);
    if (missing.length > 0) {
      throw new NotAllowedError(
        `You may not act for ${planned.team}: missing permission ${missing.join(
          ' and permission ',
        )}`,
      );
    }
    res.json(await planned.run());
  });
}
