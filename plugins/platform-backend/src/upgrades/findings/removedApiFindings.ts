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
  UpgradeEvidence,
  UpgradeFinding,
} from '@platform-portal/plugin-platform-common';
import { KubeObject } from '../../health/checks/support';
import { apiVersionOf, DEPRECATION_SOURCE } from '../deprecations';
import { LegacyApiUse } from '../readUpgradeFacts';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function nameOf(object: KubeObject): string {
  const ns = object.metadata?.namespace;
  return ns ? `${ns}/${object.metadata?.name}` : String(object.metadata?.name);
}

/**
 * Where an object shows it is still written through `apiVersion`: a field
 * manager that last wrote it through that version (the API server records
 * it), or the manifest kubectl last applied.
 */
function writtenThrough(
  object: KubeObject,
  apiVersion: string,
  kind: string,
): UpgradeEvidence[] {
  const found: UpgradeEvidence[] = [];
  const ref = `${kind} ${nameOf(object)}`;
  const managers = ((
    object.metadata as { managedFields?: unknown[] } | undefined
  )?.managedFields ?? []) as Array<{ manager?: string; apiVersion?: string }>;
  for (const entry of managers) {
    if (entry.apiVersion === apiVersion) {
      found.push({
        object: ref,
        field: `metadata.managedFields[manager=${entry.manager}].apiVersion`,
        value: apiVersion,
      });
    }
  }
  const applied = object.metadata?.annotations?.[LAST_APPLIED];
  if (applied) {
    try {
      if (
        (JSON.parse(applied) as { apiVersion?: string }).apiVersion ===
        apiVersion
      ) {
        found.push({
          object: ref,
          field: `metadata.annotations["${LAST_APPLIED}"].apiVersion`,
          value: apiVersion,
        });
      }
    } catch {
      // An annotation that is not JSON says nothing about the version.
    }
  }
  return found;
}

/**
 * Objects still written through an API version the target stops serving.
 * The objects themselves survive (the API server serves them at the
 * replacement version); what breaks is whatever writes them the old way.
 */
export function removedApiFindings(uses: LegacyApiUse[]): UpgradeFinding[] {
  const findings: UpgradeFinding[] = [];
  for (const use of uses) {
    const { removal } = use;
    const apiVersion = apiVersionOf(removal);
    const evidence = use.objects.flatMap(object =>
      writtenThrough(object, apiVersion, removal.kind),
    );
    if (evidence.length === 0) continue;
    const names = [...new Set(evidence.map(e => e.object))];
    findings.push({
      id: `removed-api:${apiVersion}/${removal.kind}`,
      kind: 'removed-api',
      severity: 'blocker',
      title: `${names.length} ${removal.kind} object${
        names.length === 1 ? '' : 's'
      } written through ${apiVersion}, which Kubernetes ${
        removal.removedIn
      } no longer serves`,
      message: `${names.join(', ')} ${
        names.length === 1 ? 'was' : 'were'
      } last written through ${apiVersion}. After the upgrade the objects are still served as ${
        removal.replacement
      }, but every manifest, chart or client that writes them through ${apiVersion} fails.`,
      evidence,
      runbook: [
        `Find the manifests and charts that still say apiVersion: ${apiVersion} for ${removal.kind} (Git, Helm values, operators).`,
        `Convert them: kubectl-convert -f <file> --output-version ${removal.replacement}`,
        'Apply the converted manifests with the same tool that owns them, so the API server records the new version for that manager.',
        'Plan again: the blocker clears when no object shows a write through the old version.',
      ],
      source: `${DEPRECATION_SOURCE.url}#${removal.anchor}`,
    });
  }
  return findings;
}
