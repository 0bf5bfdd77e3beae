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
  ArgocdApplication,
  PipelineSummary,
} from '@platform-portal/plugin-platform-common';

/** A read that may fail: the reason is shown on the stages that needed it. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; reason: string };

export async function outcomeOf<T>(
  read: () => Promise<T>,
): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    return {
      ok: false,
      reason: error instanceof Error ? error.message : String(error),
    };
  }
}

/** What GitLab says about one commit. */
export interface CommitFacts {
  sha: string;
  shortSha: string;
  title: string;
  author?: string;
  createdAt?: string;
  webUrl?: string;
  /** The commit's pipeline on the default branch (else its newest one). */
  pipeline: Outcome<PipelineSummary | undefined>;
  /** Release tags whose pipelines ran for this commit, e.g. `v1.5.0`. */
  releaseTags: string[];
}

export interface ImageVersion {
  version: string;
  repository: string;
  lastModified?: string;
}

/** An HTTPRoute of the component on one cluster, with the certificates of its hostnames. */
export interface RouteFacts {
  name: string;
  namespace: string;
  hostnames: string[];
  /** `Accepted` and `ResolvedRefs` of every parent, as `type=status (reason)`. */
  conditions: Array<{
    type: string;
    status: string;
    reason?: string;
    message?: string;
  }>;
  certificates: Array<{
    name: string;
    ready?: string;
    reason?: string;
    message?: string;
    notAfter?: string;
    /** Why the last issuance failed, while renewal keeps failing. */
    renewalFailure?: string;
  }>;
}

/** Request rate and 5xx rate per cluster, from the Gateway's counters. */
export interface TrafficFacts {
  cluster: string;
  requestsPerSecond: number;
  errorsPerSecond: number;
}

/** Everything the stages are built from; reads shared by all the commits of an entity. */
export interface DeliveryFacts {
  image?: string;
  images: Outcome<ImageVersion[]> | undefined;
  applications: ArgocdApplication[];
  argocdErrors: Array<{ instance: string; message: string }>;
  /** Undefined when no Argo CD selection annotation is set. */
  argocdSelection?: string;
  routes: Map<string, Outcome<RouteFacts[]>>;
  traffic: Outcome<TrafficFacts[]> | undefined;
}
