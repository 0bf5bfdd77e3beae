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

/** The field manager Argo CD's application controller writes with. */
export const ARGOCD_FIELD_MANAGER = 'argocd-controller';

interface ManagedFieldsEntry {
  manager?: string;
  operation?: string;
  subresource?: string;
  fieldsV1?: { 'f:spec'?: Record<string, unknown> };
}

/**
 * Who manages a workload's `spec.replicas`, from its managedFields: the
 * manager whose field set holds `f:spec.f:replicas` (server-side apply keeps
 * one owner per field for Apply, several for Update).
 */
export function replicasManagers(object: {
  metadata?: { managedFields?: ManagedFieldsEntry[] };
}): string[] {
  return (object.metadata?.managedFields ?? [])
    .filter(entry => entry.fieldsV1?.['f:spec']?.['f:replicas'] !== undefined)
    .map(entry => entry.manager ?? '');
}

/** The Argo CD application that tracks an object, from the annotation or label it sets. */
export function argocdApplicationOf(object: {
  metadata?: {
    annotations?: Record<string, string>;
    labels?: Record<string, string>;
  };
}): string | undefined {
  // tracking-id is `<app>:<group>/<kind>:<namespace>/<name>`; the app may be `<namespace>_<app>`.
  const tracking =
    object.metadata?.annotations?.['argocd.argoproj.io/tracking-id'];
  if (tracking) {
    return tracking.split(':')[0].split('_').pop();
  }
  return (
    object.metadata?.labels?.['argocd.argoproj.io/instance'] ??
    object.metadata?.labels?.['app.kubernetes.io/instance']
  );
}
