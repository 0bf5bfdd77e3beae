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

import { badRequest } from './status';
import { KubeObject } from './objects';

type LabelRequirement =
  | { key: string; op: 'exists' | '!exists' }
  | { key: string; op: 'in' | 'notin'; values: string[] };

export type Matcher = (object: KubeObject) => boolean;

/** Splits on commas that are not inside `( )`. */
function splitTopLevel(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map(p => p.trim()).filter(p => p.length > 0);
}

function parseLabelRequirement(text: string): LabelRequirement {
  const setMatch = /^([^\s!=()]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(text);
  if (setMatch) {
    const values = setMatch[3].split(',').map(v => v.trim()).filter(v => v !== '');
    return { key: setMatch[1], op: setMatch[2] as 'in' | 'notin', values };
  }
  const eqMatch = /^([^\s!=()]+)\s*(==|=|!=)\s*([^\s!=(),]*)$/.exec(text);
  if (eqMatch) {
    const op = eqMatch[2] === '!=' ? 'notin' : 'in';
    return { key: eqMatch[1], op, values: [eqMatch[3]] };
  }
  const existsMatch = /^(!?)([^\s!=()]+)$/.exec(text);
  if (existsMatch) {
    return { key: existsMatch[2], op: existsMatch[1] ? '!exists' : 'exists' };
  }
  // Upstream's lexer names the token after the key, where it wanted an operator.
  const next = /^[^\s!=()]+\s+([^\s!=(),]+)/.exec(text)?.[1];
  throw badRequest(`unable to parse requirement: found '${next ?? text}', expected: in, notin, =, ==, !=, gt, lt`);
}

function requirementMatches(req: LabelRequirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  switch (req.op) {
    case 'exists':
      return has;
    case '!exists':
      return !has;
    case 'in':
      return has && req.values.includes(labels[req.key]);
    case 'notin':
      // As upstream: a missing key satisfies `!=` and `notin`.
      return !has || !req.values.includes(labels[req.key]);
    default:
      return false;
  }
}

/** Parses a `labelSelector` query value (=, ==, !=, in, notin, exists, !exists). */
export function parseLabelSelector(selector: string | null | undefined): Matcher {
  if (!selector) return () => true;
  const requirements = splitTopLevel(selector).map(parseLabelRequirement);
  return object => {
    const labels = object.metadata.labels ?? {};
    return requirements.every(r => requirementMatches(r, labels));
  };
}

/** `metav1.LabelSelector` (matchLabels + matchExpressions), as used in specs. */
export function labelSelectorFromSpec(spec: {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
} | undefined): Matcher {
  if (!spec) return () => false;
  const requirements: LabelRequirement[] = Object.entries(spec.matchLabels ?? {}).map(([key, value]) => ({
    key,
    op: 'in' as const,
    values: [value],
  }));
  for (const e of spec.matchExpressions ?? []) {
    const op = e.operator.toLowerCase();
    if (op === 'in' || op === 'notin') requirements.push({ key: e.key, op, values: e.values ?? [] });
    else if (op === 'exists') requirements.push({ key: e.key, op: 'exists' });
    else if (op === 'doesnotexist') requirements.push({ key: e.key, op: '!exists' });
  }
  return object => requirements.every(r => requirementMatches(r, object.metadata.labels ?? {}));
}

// Field labels each kind accepts (the fieldSelector conversion funcs upstream register).
const COMMON_FIELDS = ['metadata.name', 'metadata.namespace'];
const FIELDS_BY_KIND: Record<string, string[]> = {
  Pod: ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.nominatedNodeName'],
  Node: ['spec.unschedulable'],
  Namespace: ['status.phase'],
  Secret: ['type'],
  Event: ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type'],
  ReplicaSet: ['status.replicas'],
  Job: ['status.successful'],
  PersistentVolumeClaim: [],
};

function fieldValue(object: KubeObject, field: string): string {
  const path = field === 'source' ? 'source.component' : field;
  let current: unknown = object;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return '';
    current = (current as Record<string, unknown>)[part];
  }
  if (current === undefined || current === null) {
    // Unset booleans compare as "false", as the typed Go structs do.
    return path === 'spec.unschedulable' || path === 'spec.hostNetwork' ? 'false' : '';
  }
  return String(current);
}

/** Groups served by kube-apiserver itself; any other group here stands for a CRD. */
const BUILT_IN_GROUPS = new Set(['', 'apps', 'autoscaling', 'batch', 'policy', 'apiextensions.k8s.io', 'authorization.k8s.io', 'networking.k8s.io', 'rbac.authorization.k8s.io', 'storage.k8s.io']);

/**
 * Parses a `fieldSelector` for one kind; unsupported fields are a 400 as
 * upstream, whose message differs between built-in kinds and CRDs.
 */
export function parseFieldSelector(selector: string | null | undefined, kind: string, group?: string): Matcher {
  if (!selector) return () => true;
  const allowed = [...COMMON_FIELDS, ...(FIELDS_BY_KIND[kind] ?? [])];
  const terms = splitTopLevel(selector).map(term => {
    const match = /^([^!=]+)(==|=|!=)(.*)$/.exec(term);
    if (!match) throw badRequest(`invalid selector: '${selector}'; can't understand '${term}'`);
    const [, field, op, value] = match;
    if (!allowed.includes(field)) {
      if (group !== undefined && BUILT_IN_GROUPS.has(group)) throw badRequest(`field label not supported: ${field}`);
      throw badRequest(`"${field}" is not a known field selector: only "${allowed.join('", "')}"`);
    }
    return { field, negate: op === '!=', value };
  });
  return object =>
    terms.every(t => (fieldValue(object, t.field) === t.value) !== t.negate);
}
