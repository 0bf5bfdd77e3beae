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

import { ActionContext } from '@backstage/plugin-scaffolder-node';
import { applyManifests } from './applyManifests';
import {
  ClusterObjects,
  Manifest,
} from '@platform-portal/plugin-platform-node';

/**
 * Applies manifests inside a scaffolder checkpoint, so a task the scaffolder
 * retries after a restart does not apply them twice. The key names what is
 * applied; a dry run keeps its own key so it never stands in for a real run.
 * Returns one line per object ("Kind name: result").
 */
export function checkpointedApply(
  ctx: ActionContext<any, any>,
  objects: ClusterObjects,
  manifests: Manifest[],
  options: { key: string; namespaceExists?: boolean },
): Promise<string[]> {
  return ctx.checkpoint({
    key: `${options.key}.${ctx.isDryRun ? 'dry-run' : 'apply'}`,
    fn: async () =>
      (
        await applyManifests(objects, manifests, {
          dryRun: !!ctx.isDryRun,
          logger: ctx.logger,
          namespaceExists: options.namespaceExists,
        })
      ).map(r => `${r.kind} ${r.name}: ${r.result}`),
  });
}
