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

import { Sandbox } from '@platform-portal/platform-sandbox';

/**
 * Writes the sandbox saw: each cluster's Kubernetes revision (any stored
 * change moves it) and write requests to the other upstreams. Kubernetes
 * requests are judged by what they stored, not by verb: an access review made
 * for a person is a `create` that stores nothing.
 */
export function writesIn(sandbox: Sandbox) {
  const revisions = sandbox.fleet
    .names()
    .map(name => sandbox.fleet.cluster(name)!.store.resourceVersion);
  const counters = sandbox.control.readCounters();
  const writeRequests = Object.values(counters.byCluster)
    .flatMap(perCluster => Object.entries(perCluster))
    .filter(([key]) => !key.startsWith('kubernetes:'))
    .filter(([key]) =>
      /:(create|update|patch|delete|deletecollection|POST|PUT|PATCH|DELETE)$/.test(
        key,
      ),
    )
    .map(([key, count]) => `${key}=${count}`)
    .sort();
  return { revisions, writeRequests };
}
