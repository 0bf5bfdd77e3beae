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

import { NotFoundError } from '@backstage/errors';
import {
  DiagnosticRequest,
  DiagnosticRun,
  DiagnosticStep,
  getRunbook,
} from '@platform-portal/plugin-platform-common';
import { argocdReadError } from '../clients/argocd/argocdHttpError';
import { UpstreamClients } from '../clients/UpstreamClients';
import { argocdDiagnostic } from './argocdDiagnostic';
import { certificateDiagnostic } from './certificateDiagnostic';
import { ciliumDiagnostic } from './ciliumDiagnostic';
import { gatewayDiagnostic } from './gatewayDiagnostic';
import { longhornDiagnostic } from './longhornDiagnostic';
import { metallbDiagnostic } from './metallbDiagnostic';
import { addNodeDiagnostic, removeNodeDiagnostic } from './nodeDiagnostics';
import { observabilityDiagnostic } from './observabilityDiagnostic';
import { DiagnosticContext, RunbookDiagnostic } from './RunbookDiagnostic';

const DIAGNOSTICS: RunbookDiagnostic[] = [
  addNodeDiagnostic,
  removeNodeDiagnostic,
  certificateDiagnostic,
  longhornDiagnostic,
  metallbDiagnostic,
  gatewayDiagnostic,
  ciliumDiagnostic,
  observabilityDiagnostic,
  argocdDiagnostic,
];

/** A whole run stays under this, however many reads it makes. */
const RUN_DEADLINE_MS = 60_000;

/** Runs a runbook's checks in order against one cluster, stopping at the cause. */
export class DiagnosticsService {
  constructor(private readonly clients: UpstreamClients) {}

  async run(
    cluster: string,
    runbookId: string,
    request: DiagnosticRequest,
  ): Promise<DiagnosticRun> {
    const runbook = getRunbook(runbookId);
    const diagnostic = DIAGNOSTICS.find(d => d.runbook === runbookId);
    if (!runbook || !diagnostic) {
      throw new NotFoundError(
        `No runbook '${runbookId}'; the runbooks are ${DIAGNOSTICS.map(
          d => d.runbook,
        ).join(', ')}`,
      );
    }
    if (!this.clients.kubernetes(cluster)) {
      throw new NotFoundError(`No cluster '${cluster}' in platform.clusters`);
    }
    const startedAt = new Date().toISOString();
    const context = this.context(cluster, request);
    const run: DiagnosticRun = {
      cluster,
      runbook: runbook.id,
      title: runbook.title,
      ...request,
      startedAt,
      finishedAt: startedAt,
      verdict: 'healthy',
      steps: [],
      remediations: [],
      commands: [],
    };
    let errors = 0;
    for (const definition of diagnostic.steps) {
      const commands =
        definition.runbookStep === undefined
          ? []
          : runbook.steps[definition.runbookStep]?.commands ?? [];
      const step: DiagnosticStep = {
        id: definition.id,
        title: definition.title,
        result: 'skipped',
        summary: '',
        evidence: [],
        commands,
      };
      run.steps.push(step);
      if (run.stoppedAt) {
        step.summary = `Not run: the cause was found at '${run.stoppedAt}'`;
        continue;
      }
      try {
        const outcome = await definition.run(context);
        step.result = outcome.result;
        step.summary = outcome.summary;
        step.evidence = outcome.evidence ?? [];
        run.remediations.push(...(outcome.remediations ?? []));
        run.commands.push(...(outcome.commands ?? []));
        if (outcome.result === 'fail') {
          run.stoppedAt = step.id;
          run.cause = outcome.summary;
        }
      } catch (error) {
        errors += 1;
        step.result = 'error';
        // An Argo CD refusal says which key to check, as every other upstream's failure does.
        step.summary = (argocdReadError(error) as Error).message;
      }
    }
    const unsure = errors > 0 || run.steps.some(s => s.result === 'warn');
    if (run.stoppedAt) run.verdict = 'cause-found';
    else run.verdict = unsure ? 'inconclusive' : 'healthy';
    run.finishedAt = new Date().toISOString();
    return run;
  }

  private context(
    cluster: string,
    request: DiagnosticRequest,
  ): DiagnosticContext {
    const signal = AbortSignal.timeout(RUN_DEADLINE_MS);
    const reads = new Map<string, Promise<any[]>>();
    const listOn = (on: string, apiVersion: string, kind: string) => {
      const key = `${on}:${apiVersion}:${kind}`;
      if (!reads.has(key)) {
        const client = this.clients.kubernetes(on);
        if (!client) {
          return Promise.reject(
            new Error(`Cluster '${on}' is not in platform.clusters`),
          );
        }
        const read = client.list(apiVersion, kind, signal).then(r => r.items);
        // A failed read is reported by the step that needed it, not cached.
        read.catch(() => reads.delete(key));
        reads.set(key, read);
      }
      return reads.get(key)!;
    };
    return {
      cluster,
      namespace: request.namespace,
      name: request.name,
      clients: this.clients,
      signal,
      list: (apiVersion, kind) => listOn(cluster, apiVersion, kind),
      listOn,
    };
  }
}
