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

import { KubernetesObjectLike } from '@platform-portal/plugin-platform-node';
import {
  DiagnosticCommand,
  DiagnosticRemediation,
  DiagnosticStepResult,
} from '@platform-portal/plugin-platform-common';
import { UpstreamClients } from '../clients/UpstreamClients';
import { AnyObject } from './kubeObjects';

/** What a step found; `fail` means it found the cause and the run stops. */
export interface StepOutcome {
  result: Exclude<DiagnosticStepResult, 'skipped' | 'error'>;
  summary: string;
  evidence?: string[];
  remediations?: DiagnosticRemediation[];
  commands?: DiagnosticCommand[];
}

/** What every step of one run may read. */
export interface DiagnosticContext {
  cluster: string;
  namespace?: string;
  name?: string;
  clients: UpstreamClients;
  /** Objects of a kind on the cluster, read once per run. */
  list<T extends KubernetesObjectLike = AnyObject>(
    apiVersion: string,
    kind: string,
  ): Promise<T[]>;
  /** The same on another cluster (the Cluster API management cluster). */
  listOn<T extends KubernetesObjectLike = AnyObject>(
    cluster: string,
    apiVersion: string,
    kind: string,
  ): Promise<T[]>;
  signal: AbortSignal;
}

export interface DiagnosticStepDefinition {
  id: string;
  title: string;
  /** Index of the guide's runbook step whose commands it shows. */
  runbookStep?: number;
  run(context: DiagnosticContext): Promise<StepOutcome>;
}

/** A runbook turned into checks that run in order. */
export interface RunbookDiagnostic {
  runbook: string;
  steps: DiagnosticStepDefinition[];
}
