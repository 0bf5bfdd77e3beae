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

import type * as Api from './schema/openapi/generated/models';

/**
 * What one diagnostic step found: `pass`, the step's check holds; `fail`,
 * the step found the cause (the run stops here); `warn`, something to look
 * at that is not the cause by itself; `error`, the step could not read what
 * it needs (the message says why); `skipped`, an earlier step found the cause.
 *
 * @public
 */
export type DiagnosticStepResult = Api.DiagnosticStepResult;

/** One check of a runbook run against a cluster. @public */
export type DiagnosticStep = Api.DiagnosticStep;

/** The remediations the portal runs itself, all safe to repeat. @public */
export type RemediationAction = Api.RemediationAction;

/** A remediation the portal offers for the cause it found. @public */
export type DiagnosticRemediation = Api.DiagnosticRemediation;

/** A destructive step the portal never runs: the exact command to run by hand. @public */
export type DiagnosticCommand = Api.DiagnosticCommand;

/** A diagnostic's overall finding. @public */
export type DiagnosticVerdict = Api.DiagnosticVerdict;

/** Response of POST /diagnostics/:cluster/:runbook. @public */
export type DiagnosticRun = Api.DiagnosticRun;

/** Optional body of POST /diagnostics/:cluster/:runbook. @public */
export interface DiagnosticRequest {
  namespace?: string;
  name?: string;
}

/** Body of POST /diagnostics/:cluster/remediations/:action. @public */
export type RemediationRequest = Api.RemediationRequest;

/** Response of POST /diagnostics/:cluster/remediations/:action. @public */
export type RemediationResult = Api.RemediationResult;
