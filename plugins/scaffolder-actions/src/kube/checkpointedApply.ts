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
export async function checkpointedApply(
  ctx: ActionContext<any, any>,
  objects: ClusterObjects,
  manifests: Manifest[],
  options: { key: string; namespaceExists?: boolean },
): Promise<string[]> {
  const apply = async (batch: Manifest[]) =>
    (
      await applyManifests(objects, batch, {
        dryRun: !!ctx.isDryRun,
        logger: ctx.logger,
        namespaceExists: options.namespaceExists,
      })
    ).map(r => `${r.kind} ${r.name}: ${r.result}`);
  const results = await ctx.checkpoint({
    key: `${options.key}.${ctx.isDryRun ? 'dry-run' : 'apply'}`,
    fn: () => apply(manifests),
  });
  if (ctx.isDryRun) return results;
  // A retried task finds its checkpoint, but a failed attempt's clean-up may
  // have removed the objects since: those are applied again.
  const missing: Manifest[] = [];
  for (const manifest of manifests) {
    const { name, namespace } = manifest.metadata;
    if (
      !(await objects.read(manifest.apiVersion, manifest.kind, name, namespace))
    )
      missing.push(manifest);
  }
  if (missing.length === 0) return results;
  const again = await apply(missing);
  return results.map(
    line => again.find(a => a.split(':')[0] === line.split(':')[0]) ?? line,
  );
}
