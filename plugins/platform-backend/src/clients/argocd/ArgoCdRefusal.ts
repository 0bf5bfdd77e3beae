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
  describeTarget,
  redact,
  UpstreamTarget,
} from '../resilience/UpstreamTarget';
import { ArgoErrorBody } from './argoTypes';

/**
 * Argo CD refused a request for a reason of its own (RBAC, a rule such as no
 * rollback under automated sync, a missing app, a bad argument), as opposed
 * to being unreachable. Carries upstream's gRPC code and message so that the
 * caller can say what the rule is.
 */
export class ArgoCdRefusal extends Error {
  readonly httpStatus: number;
  readonly grpcCode?: number;
  /** Argo CD's own words, with any credential removed. */
  readonly upstreamMessage: string;

  constructor(options: {
    target: UpstreamTarget;
    httpStatus: number;
    body: ArgoErrorBody | undefined;
  }) {
    const upstreamMessage = redact(
      options.body?.message ??
        options.body?.error ??
        `HTTP ${options.httpStatus}`,
      options.target.secrets,
    );
    super(
      `${describeTarget(
        options.target,
      )} refused the request: ${upstreamMessage}`,
    );
    this.name = 'ArgoCdRefusal';
    this.httpStatus = options.httpStatus;
    this.grpcCode = options.body?.code;
    this.upstreamMessage = upstreamMessage;
  }
}
