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

// The change before it reaches a cluster: its pipeline and the image it publishes.
import {
  DeliveryStage,
  DeliveryStageStatus,
} from '@platform-portal/plugin-platform-common';
import { CommitFacts, DeliveryFacts } from './deliveryFacts';
import { stage } from './deliveryStage';

const PIPELINE_STATUS: Record<string, DeliveryStageStatus> = {
  success: 'done',
  failed: 'failed',
  canceled: 'failed',
  canceling: 'in progress',
  running: 'in progress',
  pending: 'in progress',
  created: 'in progress',
  preparing: 'in progress',
  waiting_for_resource: 'in progress',
  scheduled: 'waiting',
  manual: 'waiting',
  skipped: 'waiting',
};

/** Image tags that stand for the commit: its SHAs and the versions of its release tags. */
export function imageTagsOf(commit: CommitFacts): string[] {
  const versions = commit.releaseTags.flatMap(tag =>
    tag.startsWith('v') ? [tag, tag.slice(1)] : [tag],
  );
  return [...new Set([commit.shortSha, commit.sha, ...versions])];
}

export function pipelineStage(commit: CommitFacts): DeliveryStage {
  const title = 'Pipeline (GitLab)';
  if (!commit.pipeline.ok) {
    return stage('pipeline', title, 'unknown', [
      `GitLab could not be read: ${commit.pipeline.reason}`,
    ]);
  }
  const pipeline = commit.pipeline.value;
  if (!pipeline) {
    return stage('pipeline', title, 'waiting', [
      `No pipeline has run for ${commit.shortSha}`,
    ]);
  }
  const status = PIPELINE_STATUS[pipeline.status] ?? 'unknown';
  const failedStage = pipeline.stages.find(s => s.status === 'failed');
  const evidence = [
    `Pipeline #${pipeline.id} on ${pipeline.ref}: ${pipeline.status}${
      failedStage ? ` (stage ${failedStage.name} failed)` : ''
    }`,
    pipeline.stages.map(s => `${s.name} ${s.status}`).join(' · '),
  ].filter(Boolean);
  const finished =
    pipeline.createdAt &&
    pipeline.durationSeconds !== undefined &&
    status !== 'in progress'
      ? new Date(
          Date.parse(pipeline.createdAt) + pipeline.durationSeconds * 1000,
        ).toISOString()
      : pipeline.createdAt;
  return stage('pipeline', title, status, evidence, {
    at: finished,
    link: pipeline.webUrl,
  });
}

export function imageStage(
  facts: DeliveryFacts,
  tags: string[],
  pipeline: DeliveryStage,
): DeliveryStage {
  const title = 'Image (Nexus)';
  if (!facts.image || !facts.images) {
    return stage('image', title, 'unknown', [
      'No Docker image named: set the nexus-repository-manager/docker.image-name annotation',
    ]);
  }
  if (!facts.images.ok) {
    return stage('image', title, 'unknown', [
      `Nexus could not be read: ${facts.images.reason}`,
    ]);
  }
  const found = facts.images.value.filter(v => tags.includes(v.version));
  if (found.length > 0) {
    return stage(
      'image',
      title,
      'done',
      found.map(v => `${facts.image}:${v.version} in ${v.repository}`),
      {
        at: found
          .map(v => v.lastModified)
          .filter(Boolean)
          .sort()[0],
      },
    );
  }
  const wanted = `${facts.image}:${tags[0]}`;
  return pipeline.status === 'done'
    ? stage('image', title, 'failed', [
        `The pipeline passed but Nexus has no ${wanted}${
          tags.length > 2 ? ` (nor ${tags.slice(2).join(', ')})` : ''
        }`,
      ])
    : stage('image', title, 'waiting', [
        `Nexus has no ${wanted} yet: the pipeline publishes it`,
      ]);
}
