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
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { ArgoCdRefusal } from './ArgoCdRefusal';
import { GRPC } from './argoTypes';

/**
 * Argo CD's refusal of a read the portal made with its own account, as the
 * HTTP error a route answers with: the same statuses every other upstream's
 * refusal gets (403 when the account lacks a right, 404, else 503), each
 * naming the config key to check. Anything else is returned unchanged.
 */
export function argocdReadError(error: unknown): unknown {
  if (!(error instanceof ArgoCdRefusal)) {
    return error;
  }
  if (error.grpcCode === GRPC.PermissionDenied || error.httpStatus === 403) {
    return new NotAllowedError(
      `${error.message}; the account configured at platform.upstreams.argocd needs get on applications`,
    );
  }
  if (error.grpcCode === GRPC.NotFound || error.httpStatus === 404) {
    return new NotFoundError(error.message);
  }
  return new ServiceUnavailableError(
    `${error.message}; check platform.upstreams.argocd`,
  );
}
