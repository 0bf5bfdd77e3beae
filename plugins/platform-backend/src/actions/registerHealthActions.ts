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

import { PermissionsService } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  HEALTH_VERDICTS,
  isLayerId,
  LAYER_IDS,
  platformHealthReadPermission,
} from '@platform-portal/plugin-platform-common';
import { HealthReadModel } from '../health/HealthReadModel';

/**
 * Registers the health engine's read operations with the actions registry,
 * so scaffolder steps and MCP clients can ask the same questions as the UI.
 */
export function registerHealthActions(options: {
  actionsRegistry: ActionsRegistryService;
  health: HealthReadModel;
  permissions: PermissionsService;
}): void {
  const { actionsRegistry, health, permissions } = options;

  actionsRegistry.register({
    name: 'get-platform-health',
    title: 'Get platform health',
    description: `Returns the platform health verdicts (ok, warning, critical, unknown) as last observed by the health engine.

When to use: to know whether a cluster, or one layer of it, is healthy before deploying or while investigating an incident.
Without \`cluster\`, returns every cluster with one verdict per layer. With \`cluster\`, also returns each failing check's message and runbook; add \`layer\` (one of ${LAYER_IDS.join(
      ', ',
    )}) to narrow to one layer.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    visibilityPermission: platformHealthReadPermission,
    schema: {
      input: z =>
        z.object({
          cluster: z
            .string()
            .optional()
            .describe('Cluster name, e.g. prod-eu-1'),
          layer: z.string().optional().describe('Layer id, e.g. storage'),
        }),
      output: z =>
        z.object({
          clusters: z.array(
            z.object({
              cluster: z.string(),
              verdict: z.enum(HEALTH_VERDICTS as [string, ...string[]]),
              layers: z.array(
                z.object({
                  layer: z.string(),
                  verdict: z.enum(HEALTH_VERDICTS as [string, ...string[]]),
                  observedAt: z.string(),
                  reason: z.string().optional(),
                  problems: z
                    .array(
                      z.object({
                        check: z.string(),
                        verdict: z.string(),
                        message: z.string(),
                        runbook: z.string().optional(),
                      }),
                    )
                    .optional()
                    .describe('Checks that are not ok'),
                }),
              ),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const [decision] = await permissions.authorize(
        [{ permission: platformHealthReadPermission }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `Missing permission ${platformHealthReadPermission.name}`,
        );
      }
      if (input.layer !== undefined && !isLayerId(input.layer)) {
        throw new InputError(
          `Invalid input 'layer': '${
            input.layer
          }' is not one of ${LAYER_IDS.join(', ')}`,
        );
      }
      if (!input.cluster) {
        const fleet = await health.fleet();
        return {
          output: {
            clusters: fleet.clusters.map(c => ({
              cluster: c.cluster,
              verdict: c.verdict,
              layers: c.layers.map(l => ({
                layer: l.layer,
                verdict: l.verdict,
                observedAt: l.observedAt,
                ...(l.reason ? { reason: l.reason } : {}),
              })),
            })),
          },
        };
      }
      const result = await health.cluster(input.cluster);
      const layers = result.layers.filter(
        l => !input.layer || l.layer === input.layer,
      );
      return {
        output: {
          clusters: [
            {
              cluster: result.cluster,
              verdict: result.verdict,
              layers: layers.map(l => ({
                layer: l.layer,
                verdict: l.verdict,
                observedAt: l.observedAt,
                ...(l.reason ? { reason: l.reason } : {}),
                problems: l.checks
                  .filter(c => c.verdict !== 'ok')
                  .map(c => ({
                    check: c.id,
                    verdict: c.verdict,
                    message: c.message,
                    ...(c.runbook ? { runbook: c.runbook } : {}),
                  })),
              })),
            },
          ],
        },
      };
    },
  });
}
