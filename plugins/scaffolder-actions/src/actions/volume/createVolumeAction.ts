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

import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { audited } from '../../auth/selfServiceAuth';
import { checkpointedApply } from '../../kube/checkpointedApply';
import {
  ACCESS_MODES,
  parseVolumeRequest,
  volumeManifest,
} from '@platform-portal/plugin-platform-node';
import { waitFor } from '../../kube/waitFor';
import {
  openTeamNamespace,
  PlatformActionOptions,
  refuseOtherOwners,
} from '../teamAction';
import { examples } from './createVolumeAction.examples';

/**
 * `platform:volume:create`: a Longhorn PersistentVolumeClaim. Replicas are a
 * StorageClass parameter in Longhorn, so the replica count picks one of the
 * platform's Longhorn storage classes.
 */
export function createVolumeAction(options: PlatformActionOptions) {
  const { config } = options;
  const replicaCounts = config.storageClasses.map(s => s.replicas);
  return createTemplateAction({
    id: 'platform:volume:create',
    description: `Creates a Longhorn PersistentVolumeClaim in a team namespace, up to ${
      config.maxVolumeGi
    }Gi, with ${replicaCounts.join(
      ' or ',
    )} replicas, and waits until it is Bound.`,
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        cluster: z =>
          z
            .string()
            .describe('Name of the workload cluster (from the catalog)'),
        namespace: z =>
          z.string().describe('A namespace the team owns on that cluster'),
        team: z => z.string().describe('Catalog group that owns the namespace'),
        name: z => z.string().describe('Claim name, an RFC 1123 label'),
        size: z => z.string().describe('Size in whole GiB, e.g. 20Gi'),
        replicas: z =>
          z
            .number()
            .default(replicaCounts[0] ?? 3)
            .describe('Longhorn replicas of the volume'),
        accessMode: z =>
          z
            .enum(ACCESS_MODES)
            .default('ReadWriteOnce')
            .describe('ReadWriteOnce or ReadWriteMany'),
      },
      output: {
        claimName: z =>
          z.string().describe('Name of the PersistentVolumeClaim'),
        volumeName: z =>
          z
            .string()
            .optional()
            .describe('Bound PersistentVolume (Longhorn volume) name'),
        storageClass: z => z.string().describe('Longhorn storage class used'),
        objects: z =>
          z.array(z.string()).describe('What happened to the claim'),
      },
    },
    async handler(ctx) {
      const request = parseVolumeRequest(ctx.input, config);
      const { name, size, replicas, storageClass } = request;
      const target = request;
      const objects = await openTeamNamespace(ctx, options, target);
      await refuseOtherOwners(
        objects,
        { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name },
        target,
      );
      const manifest = volumeManifest(request);
      const results = await audited(
        ctx,
        options,
        'volume-create',
        {
          cluster: target.cluster,
          namespace: target.namespace,
          claim: name,
          size,
          replicas,
        },
        () =>
          checkpointedApply(ctx, objects, [manifest], {
            key: `platform.volume.create.${target.cluster}.${target.namespace}.${name}`,
          }),
      );
      if (!ctx.isDryRun) {
        let phase: string | undefined;
        const bound = await waitFor(
          async () => {
            const claim = (await objects.read(
              'v1',
              'PersistentVolumeClaim',
              name,
              target.namespace,
            )) as
              | { spec?: { volumeName?: string }; status?: { phase?: string } }
              | undefined;
            phase = claim?.status?.phase;
            return phase === 'Bound'
              ? claim?.spec?.volumeName ?? ''
              : undefined;
          },
          {
            timeoutMs: config.waitTimeoutMs,
            intervalMs: config.pollIntervalMs,
            signal: ctx.signal,
          },
        );
        if (bound === undefined) {
          throw new Error(
            `PersistentVolumeClaim ${target.namespace}/${name} is ${
              phase ?? 'missing'
            }, not Bound, after ${
              config.waitTimeoutMs / 1000
            } s; check that Longhorn can schedule ${replicas} replicas`,
          );
        }
        if (bound) ctx.output('volumeName', bound);
        ctx.logger.info(
          `PersistentVolumeClaim ${target.namespace}/${name} is Bound${
            bound ? ` to ${bound}` : ''
          }`,
        );
      }
      ctx.output('claimName', name);
      ctx.output('storageClass', storageClass);
      ctx.output('objects', results);
    },
  });
}
