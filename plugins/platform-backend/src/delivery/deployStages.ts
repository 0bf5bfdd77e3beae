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

// The change on the clusters: the GitOps manifest that deploys it and Argo CD's sync.
import {
  ArgocdApplication,
  DeliveryStage,
  DeliveryStageStatus,
} from '@platform-portal/plugin-platform-common';
import { parseImage } from '../routes/entity/clusterWorkloads';
import { DeliveryFacts } from './deliveryFacts';
import { badFirst, stage } from './deliveryStage';

/** The applications whose images carry one of the change's tags. */
export function applicationsRunning(
  facts: DeliveryFacts,
  tags: string[],
): ArgocdApplication[] {
  return facts.applications.filter(app =>
    app.images.some(image => {
      const { repository, tag } = parseImage(image);
      const sameImage =
        !facts.image ||
        repository === facts.image ||
        repository.endsWith(`/${facts.image}`);
      return sameImage && tag !== undefined && tags.includes(tag);
    }),
  );
}

function deployedAt(app: ArgocdApplication): string | undefined {
  return app.history[0]?.deployedAt;
}

function argocdErrorLines(facts: DeliveryFacts): string[] {
  return facts.argocdErrors.map(
    e => `Argo CD on ${e.instance} could not be read: ${e.message}`,
  );
}

export function manifestStage(
  facts: DeliveryFacts,
  tags: string[],
  running: ArgocdApplication[],
  image: DeliveryStage,
): DeliveryStage {
  const title = 'Manifest bump (GitOps)';
  if (!facts.argocdSelection) {
    return stage('manifest', title, 'unknown', [
      'No Argo CD application named: set the argocd/app-selector or argocd/app-name annotation',
    ]);
  }
  if (running.length > 0) {
    const others = facts.applications
      .filter(a => !running.includes(a))
      .map(
        a =>
          `${a.instance} still runs ${a.images
            .map(i => parseImage(i).tag)
            .join(', ')}`,
      );
    return stage(
      'manifest',
      title,
      'done',
      [
        `Deployed by ${running
          .map(a => `${a.name} on ${a.instance}`)
          .join(', ')}`,
        ...others,
        ...argocdErrorLines(facts),
      ],
      { at: running.map(deployedAt).filter(Boolean).sort()[0] },
    );
  }
  if (facts.applications.length === 0 && facts.argocdErrors.length > 0) {
    return stage('manifest', title, 'unknown', argocdErrorLines(facts));
  }
  const current = facts.applications.map(
    a =>
      `${a.instance} runs ${
        a.images.map(i => parseImage(i).tag).join(', ') || 'no image'
      }`,
  );
  return stage('manifest', title, 'waiting', [
    image.status === 'done'
      ? `No manifest deploys ${tags[tags.length - 1]} yet`
      : 'Waits for the image',
    ...current,
    ...argocdErrorLines(facts),
  ]);
}

export function syncStage(running: ArgocdApplication[]): DeliveryStage {
  const title = 'Argo CD sync and health';
  if (running.length === 0) {
    return stage('sync', title, 'waiting', ['Waits for the manifest bump']);
  }
  const verdicts = running.map(app => {
    const op = app.operation?.phase;
    let status: DeliveryStageStatus = 'done';
    if (
      op === 'Failed' ||
      op === 'Error' ||
      ['Degraded', 'Missing'].includes(app.healthStatus)
    ) {
      status = 'failed';
    } else if (
      op === 'Running' ||
      app.healthStatus === 'Progressing' ||
      app.syncStatus === 'OutOfSync'
    ) {
      status = 'in progress';
    } else if (app.syncStatus !== 'Synced' || app.healthStatus !== 'Healthy') {
      status = 'unknown';
    }
    const why =
      status === 'failed'
        ? app.operation?.message ?? app.healthMessage
        : app.healthMessage;
    return {
      status,
      line: `${app.instance}: ${app.syncStatus}, ${app.healthStatus}${
        why ? ` (${why})` : ''
      }`,
    };
  });
  const order: DeliveryStageStatus[] = [
    'failed',
    'unknown',
    'in progress',
    'done',
  ];
  const status = order.find(s => verdicts.some(v => v.status === s)) ?? 'done';
  return stage(
    'sync',
    title,
    status,
    badFirst(verdicts.map(v => ({ line: v.line, bad: v.status !== 'done' }))),
    { at: running.map(deployedAt).filter(Boolean).sort().pop() },
  );
}
