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
  DeliveryPath,
  DeliveryStageStatus,
} from '@platform-portal/plugin-platform-common';
import { imageStage, imageTagsOf, pipelineStage } from './buildStages';
import { CommitFacts, DeliveryFacts } from './deliveryFacts';
import { stage } from './deliveryStage';
import { applicationsRunning, manifestStage, syncStage } from './deployStages';
import { routeStage, trafficStage } from './exposureStages';

/** One commit's way from push to traffic, judged against the entity's facts. */
export function deliveryPathOf(
  commit: CommitFacts,
  facts: DeliveryFacts,
): DeliveryPath {
  const tags = imageTagsOf(commit);
  const pipeline = pipelineStage(commit);
  const image = imageStage(facts, tags, pipeline);
  const running = applicationsRunning(facts, tags);
  const manifest = manifestStage(facts, tags, running, image);
  const sync = syncStage(running);
  const route = routeStage(facts, running);
  const traffic = trafficStage(facts, running, route);
  const traces = stage(
    'traces',
    'Traces (Tempo)',
    traffic.status === 'done' ? 'unknown' : 'waiting',
    [
      traffic.status === 'done'
        ? 'The portal does not read traces: open the service in Tempo'
        : 'Waits for traffic',
    ],
  );
  const stages = [
    stage(
      'commit',
      'Commit (GitLab)',
      'done',
      [
        `${commit.shortSha} ${commit.title}${
          commit.author ? ` by ${commit.author}` : ''
        }`,
      ],
      {
        at: commit.createdAt,
        link: commit.webUrl,
      },
    ),
    pipeline,
    image,
    manifest,
    sync,
    route,
    traffic,
    traces,
  ];
  // Traces are a link to follow, not a gate: the change is live once traffic is.
  const current = stages.find(s => s.id !== 'traces' && s.status !== 'done');
  const path: DeliveryPath = {
    commit: {
      sha: commit.sha,
      shortSha: commit.shortSha,
      title: commit.title,
      ...(commit.author ? { author: commit.author } : {}),
      ...(commit.createdAt ? { createdAt: commit.createdAt } : {}),
      ...(commit.webUrl ? { webUrl: commit.webUrl } : {}),
    },
    imageTags: tags,
    stages,
    summary: '',
  };
  if (!current) {
    const where = [...new Set(running.map(a => a.instance))].join(', ');
    return { ...path, summary: `Live on ${where}` };
  }
  const reason = current.evidence[0] ?? current.status;
  const words: Record<DeliveryStageStatus, string> = {
    failed: 'Blocked at',
    unknown: 'Unknown at',
    'in progress': 'In',
    waiting: 'Waiting at',
    done: '',
  };
  return {
    ...path,
    current: current.id,
    summary: `${words[current.status]} ${current.title}: ${reason}`,
    ...(current.status === 'failed' || current.status === 'unknown'
      ? { blockedBy: reason }
      : {}),
  };
}
