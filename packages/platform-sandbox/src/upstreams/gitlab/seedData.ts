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

import { FleetSpec } from '../../scenario/types';
import { stableHex, stableInt } from '../shared/ids';
import { PipelineStatus } from './assumptions';
import { GitLabPipeline, GitLabRunner } from './types';

/** Platform repositories that exist next to the example components' projects. */
export const PLATFORM_PROJECTS = [
  { path: 'gitops-apps', description: 'ArgoCD application manifests for every cluster', visibility: 'private' },
  { path: 'cluster-fleet', description: 'Cluster API definitions of the fleet', visibility: 'private' },
  { path: 'platform-docs', description: 'Platform handbook and runbooks', visibility: 'public' },
] as const;

export const PIPELINES_PER_PROJECT = 30;
const HOUR_MS = 3600_000;

/**
 * A deterministic pipeline history for one project: mostly green pushes to
 * main, with feature branches, tags, schedules and the odd failure.
 */
export function seedPipelines(
  projectId: number,
  projectPath: string,
  versions: string[],
  anchor: Date,
  userId: number,
): GitLabPipeline[] {
  const pipelines: GitLabPipeline[] = [];
  for (let iid = 1; iid <= PIPELINES_PER_PROJECT; iid++) {
    const roll = stableInt(100, projectPath, iid, 'status');
    const kind = stableInt(10, projectPath, iid, 'ref');
    let ref = 'main';
    let tag = false;
    let source = 'push';
    if (kind === 0 && versions.length > 0) {
      ref = `v${versions[iid % versions.length]}`;
      tag = true;
    } else if (kind <= 2) {
      ref = `feature/change-${iid}`;
      source = 'merge_request_event';
    } else if (kind === 3) {
      source = 'schedule';
    }
    let baseStatus: PipelineStatus = 'success';
    if (roll < 8) baseStatus = 'failed';
    else if (roll < 11) baseStatus = 'canceled';
    else if (roll < 13) baseStatus = 'skipped';
    if (iid === PIPELINES_PER_PROJECT) {
      // The newest pipeline is a green push to main unless a fault says otherwise.
      ref = 'main';
      tag = false;
      source = 'push';
      baseStatus = 'success';
    }
    pipelines.push({
      id: projectId * 1000 + iid,
      iid,
      projectId,
      sha: stableHex(40, projectPath, iid, 'sha'),
      ref,
      tag,
      source,
      createdAt: new Date(anchor.getTime() - (PIPELINES_PER_PROJECT - iid + 1) * 3 * HOUR_MS),
      baseStatus,
      durationSeconds: 180 + stableInt(600, projectPath, iid, 'duration'),
      userId,
    });
  }
  return pipelines;
}

/** The shared Kubernetes runner GitLab Runner registers from one cluster. */
export function clusterRunner(cluster: string, id: number): GitLabRunner {
  return {
    id,
    description: `${cluster} kubernetes runner`,
    runnerType: 'instance_type',
    paused: false,
    tagList: ['kubernetes', cluster],
    ipAddress: `10.${20 + ((id + 1) % 200)}.0.10`,
    version: '18.3.0',
    cluster,
    groupIds: [],
  };
}

/** One shared Kubernetes runner per cluster, one runner per team group, and a paused legacy runner. */
export function seedRunners(fleet: FleetSpec, groupIds: Map<string, number>): GitLabRunner[] {
  const runners: GitLabRunner[] = [];
  let id = 1;
  // A cluster the Cluster API declares later registers its runner once GitLab Runner is installed there.
  for (const cluster of fleet.clusters.filter(c => !c.declaredAt)) {
    runners.push(clusterRunner(cluster.name, id++));
  }
  const firstCluster = fleet.clusters[0]?.name ?? 'mgmt';
  for (const [path, groupId] of groupIds) {
    runners.push({
      id: id++,
      description: `${path} group runner`,
      runnerType: 'group_type',
      paused: false,
      tagList: ['docker', path],
      ipAddress: `10.90.${id % 250}.20`,
      version: '18.3.0',
      cluster: firstCluster,
      groupIds: [groupId],
    });
  }
  runners.push({
    id: id++,
    description: 'legacy docker-machine runner',
    runnerType: 'instance_type',
    paused: true,
    tagList: ['docker-machine'],
    ipAddress: '10.99.0.5',
    version: '16.11.0',
    cluster: firstCluster,
    groupIds: [],
  });
  return runners;
}

/** The jobs every sandbox pipeline runs, in stage order. */
export const PIPELINE_JOBS = [
  { name: 'build', stage: 'build' },
  { name: 'unit-test', stage: 'test' },
  { name: 'container-scan', stage: 'scan' },
  { name: 'publish-image', stage: 'publish' },
  { name: 'bump-manifest', stage: 'deploy' },
] as const;
