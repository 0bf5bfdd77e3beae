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

/** What one diagnostic step found. @public */
export type DiagnosticStepResult =
  /** The step's check holds. */
  | 'pass'
  /** The step found the cause: the run stops here. */
  | 'fail'
  /** Something to look at that is not the cause by itself. */
  | 'warn'
  /** The step could not read what it needs (the message says why). */
  | 'error'
  /** Not run: an earlier step found the cause. */
  | 'skipped';

/** One check of a runbook run against a cluster. @public */
export interface DiagnosticStep {
  id: string;
  title: string;
  result: DiagnosticStepResult;
  summary: string;
  /** What was read, one line per object or sample. */
  evidence: string[];
  /** The runbook's commands for this step, to run by hand. */
  commands: string[];
}

/** The remediations the portal runs itself, all safe to repeat. @public */
export type RemediationAction =
  | 'certificate-reissue'
  | 'argocd-sync'
  | 'machinedeployment-scale';

/** A remediation the portal offers for the cause it found. @public */
export interface DiagnosticRemediation {
  action: RemediationAction;
  title: string;
  description: string;
  /** The request body for POST /diagnostics/:cluster/remediations/:action. */
  request: RemediationRequest;
}

/** A destructive step the portal never runs: the exact command to run by hand. @public */
export interface DiagnosticCommand {
  description: string;
  command: string;
}

/** A diagnostic's overall finding. @public */
export type DiagnosticVerdict = 'cause-found' | 'healthy' | 'inconclusive';

/** Response of POST /diagnostics/:cluster/:runbook. @public */
export interface DiagnosticRun {
  cluster: string;
  runbook: string;
  title: string;
  namespace?: string;
  name?: string;
  startedAt: string;
  finishedAt: string;
  verdict: DiagnosticVerdict;
  /** The step where the run stopped because it found the cause. */
  stoppedAt?: string;
  cause?: string;
  steps: DiagnosticStep[];
  remediations: DiagnosticRemediation[];
  commands: DiagnosticCommand[];
}

/** Optional body of POST /diagnostics/:cluster/:runbook. @public */
export interface DiagnosticRequest {
  namespace?: string;
  name?: string;
}

/** Body of POST /diagnostics/:cluster/remediations/:action. @public */
export interface RemediationRequest {
  namespace?: string;
  name: string;
  /** Argo CD project of the application (argocd-sync). */
  project?: string;
  /** New replica count (machinedeployment-scale). */
  replicas?: number;
  /** Validate and report what would change without changing it. */
  dryRun?: boolean;
}

/** Response of POST /diagnostics/:cluster/remediations/:action. @public */
export interface RemediationResult {
  action: RemediationAction;
  cluster: string;
  target: string;
  dryRun: boolean;
  /** False when the object was already in the asked-for state. */
  changed: boolean;
  message: string;
}
