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
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { ArgoCdRefusal } from '../../clients/argocd/ArgoCdRefusal';
import { GRPC } from '../../clients/argocd/argoTypes';

/** What the portal asked Argo CD to do, for the message. */
export interface ArgocdAction {
  verb: 'sync' | 'roll back';
  instance: string;
  project: string;
  app: string;
}

/** Argo CD's refusal of rollback while the application syncs automatically. */
export function automatedSyncConflict(action: ArgocdAction): ConflictError {
  return new ConflictError(
    `Rollback of ${action.app} on ${action.instance} is refused while automated sync is on: Argo CD would sync it straight back to the latest revision in Git. Turn automated sync off in the application's syncPolicy first, or revert the change in Git.`,
  );
}

/**
 * Turns Argo CD's own refusal into an error that says which rule applied, in
 * words a developer can act on, keeping Argo CD's message alongside.
 */
export function argocdRefusalError(
  refusal: ArgoCdRefusal,
  action: ArgocdAction,
): Error {
  const said = `Argo CD said: ${refusal.upstreamMessage}`;
  const where = `${action.project}/${action.app} on ${action.instance}`;
  if (
    refusal.grpcCode === GRPC.FailedPrecondition &&
    /auto-sync|automated sync/i.test(refusal.upstreamMessage)
  ) {
    return automatedSyncConflict(action);
  }
  if (refusal.grpcCode === GRPC.FailedPrecondition) {
    return new ConflictError(
      `Argo CD cannot ${action.verb} ${where} now (${said}); wait for the running operation to finish and try again.`,
    );
  }
  if (
    refusal.grpcCode === GRPC.PermissionDenied ||
    refusal.httpStatus === 403
  ) {
    return new NotAllowedError(
      `Argo CD on ${action.instance} does not let the portal's account ${action.verb} ${action.project}/${action.app} (${said}). The account configured at platform.upstreams.argocd needs the sync action on applications of project ${action.project} in Argo CD's RBAC (argocd-rbac-cm).`,
    );
  }
  if (refusal.grpcCode === GRPC.NotFound || refusal.httpStatus === 404) {
    return new NotFoundError(`Argo CD has no application ${where} (${said})`);
  }
  if (refusal.grpcCode === GRPC.InvalidArgument || refusal.httpStatus === 400) {
    return new InputError(
      `Argo CD refused to ${action.verb} ${where} (${said})`,
    );
  }
  return new ServiceUnavailableError(
    `Argo CD failed to ${action.verb} ${where} (HTTP ${refusal.httpStatus}; ${said})`,
  );
}

/** The message for a read that failed, whatever the cause. */
export function readFailureMessage(error: unknown): string {
  if (error instanceof ArgoCdRefusal) {
    if (error.grpcCode === GRPC.PermissionDenied || error.httpStatus === 403) {
      return `${error.message}; the account configured at platform.upstreams.argocd needs get on applications`;
    }
    return `${error.message}; check platform.upstreams.argocd`;
  }
  return error instanceof Error ? error.message : String(error);
}
