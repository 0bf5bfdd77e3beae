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

/**
 * The parts of Argo CD's REST types the portal reads
 * (`pkg/apis/application/v1alpha1/types.go`). Everything upstream marks
 * `omitempty` is optional here.
 */

export interface ArgoRevisionHistory {
  id: number;
  revision?: string;
  revisions?: string[];
  deployedAt?: string;
  deployStartedAt?: string;
  initiatedBy?: { username?: string; automated?: boolean };
}

export interface ArgoResourceStatus {
  group?: string;
  version?: string;
  kind: string;
  namespace?: string;
  name: string;
  status?: string;
  health?: { status?: string; message?: string };
}

export interface ArgoOperationState {
  operation?: {
    sync?: { revision?: string; revisions?: string[] };
    initiatedBy?: { username?: string; automated?: boolean };
  };
  phase?: string;
  message?: string;
  startedAt?: string;
  finishedAt?: string;
  syncResult?: { revision?: string };
}

export interface ArgoApplication {
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
  };
  spec: {
    project?: string;
    destination?: { server?: string; name?: string; namespace?: string };
    syncPolicy?: {
      automated?: { prune?: boolean; selfHeal?: boolean; enabled?: boolean };
    };
  };
  status?: {
    sync?: { status?: string; revision?: string; revisions?: string[] };
    health?: { status?: string; message?: string };
    history?: ArgoRevisionHistory[] | null;
    operationState?: ArgoOperationState;
    resources?: ArgoResourceStatus[] | null;
    /**
     * `appTree` (Argo CD 3.x by default): each resource's health lives in the
     * resource tree only, and lists carry no `resources[].health`.
     */
    resourceHealthSource?: string;
    summary?: { images?: string[]; externalURLs?: string[] };
  };
}

/** Go serialises an empty list as `"items": null`. */
export interface ArgoApplicationList {
  metadata?: { resourceVersion?: string };
  items: ArgoApplication[] | null;
}

export interface ArgoResourceNode {
  group?: string;
  kind: string;
  name: string;
  namespace?: string;
  health?: { status?: string; message?: string };
}

export interface ArgoResourceTree {
  nodes?: ArgoResourceNode[] | null;
}

/** grpc-gateway v1's error body: `code` is the gRPC code, not the HTTP status. */
export interface ArgoErrorBody {
  error?: string;
  code?: number;
  message?: string;
}

/** gRPC codes the portal tells apart. */
export const GRPC = {
  InvalidArgument: 3,
  NotFound: 5,
  PermissionDenied: 7,
  FailedPrecondition: 9,
  Unauthenticated: 16,
} as const;
