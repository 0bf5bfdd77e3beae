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

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  observedGeneration?: number;
}

interface ParentStatus {
  parentRef: { name: string; namespace?: string; sectionName?: string };
  conditions?: Condition[];
}

export interface RouteVerdict {
  accepted: boolean;
  problems: string[];
  /** True when the only problem is that backend Services do not exist (yet). */
  onlyMissingBackends: boolean;
}

const ACCEPTED_PROBLEMS: Record<string, string> = {
  NoMatchingParent:
    'the gateway or its listener does not exist, so the route is not attached',
  NoMatchingListenerHostname:
    "none of the route's hostnames matches a hostname the gateway listens on",
  NotAllowedByListeners:
    "the gateway's listeners do not accept routes from this namespace",
  UnsupportedValue:
    'the route uses a value the gateway controller does not support',
  IncompatibleFilters:
    'the route combines filters the gateway controller cannot apply together',
};

const REF_PROBLEMS: Record<string, string> = {
  BackendNotFound: 'a backend Service does not exist',
  RefNotPermitted:
    'a backend in another namespace is referenced without a ReferenceGrant',
  InvalidKind: 'a backend is not a Service',
  UnsupportedProtocol: "a backend's protocol is not supported",
};

/**
 * Reads the gateway controller's verdict on our parent from `status.parents`;
 * undefined while the controller has not yet seen the current generation.
 */
export function routeVerdict(
  route: { metadata?: { generation?: number }; status?: unknown },
  gateway: { namespace: string; name: string },
): RouteVerdict | undefined {
  const parents = (
    (route.status as { parents?: ParentStatus[] } | undefined)?.parents ?? []
  ).filter(
    p =>
      p.parentRef.name === gateway.name &&
      (p.parentRef.namespace ?? gateway.namespace) === gateway.namespace,
  );
  const generation = route.metadata?.generation ?? 1;
  const conditions = parents.flatMap(p => p.conditions ?? []);
  const accepted = conditions.find(c => c.type === 'Accepted');
  const resolved = conditions.find(c => c.type === 'ResolvedRefs');
  if (!accepted || !resolved) return undefined;
  if ((accepted.observedGeneration ?? generation) < generation)
    return undefined;
  const problems: string[] = [];
  // Traefik leaves the message empty for some reasons (NotAllowedByListeners).
  const cause = (c: Condition) =>
    c.message ? `${c.reason}: ${c.message}` : `${c.reason}`;
  if (accepted.status !== 'True') {
    const words =
      ACCEPTED_PROBLEMS[accepted.reason ?? ''] ??
      'the gateway did not accept the route';
    problems.push(`Not accepted: ${words} (${cause(accepted)})`);
  }
  if (resolved.status !== 'True') {
    const words =
      REF_PROBLEMS[resolved.reason ?? ''] ??
      'a backend reference could not be resolved';
    problems.push(`References not resolved: ${words} (${cause(resolved)})`);
  }
  return {
    accepted: problems.length === 0,
    problems,
    onlyMissingBackends:
      accepted.status === 'True' &&
      resolved.status !== 'True' &&
      resolved.reason === 'BackendNotFound',
  };
}
