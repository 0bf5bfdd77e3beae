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

import { FAULT_LAYERS, FaultId } from '../scenario/types';
import { Behaviour, BehaviourSelector, UpstreamId } from '../control/ControlState';

export const UPSTREAM_IDS: readonly UpstreamId[] = [
  'kubernetes', 'argocd', 'nexus', 'grafana', 'tempo', 'loki', 'gitlab', 'prometheus', 'alertmanager', 'haproxy', 'keepalived',
];

/** A control API input error: answered 400 with the field it is about. */
export class InputError extends Error {
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
  }
}

type Json = Record<string, unknown>;

export function requireObject(body: unknown): Json {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new InputError('body', 'must be a JSON object');
  return body as Json;
}

function optionalString(body: Json, field: string): string | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw new InputError(field, 'must be a non-empty string');
  return value;
}

export function parseCluster(value: unknown, clusters: readonly string[], allowAll: boolean): string {
  if (typeof value !== 'string' || value === '') throw new InputError('cluster', 'is required');
  if (allowAll && value === '*') return value;
  if (!clusters.includes(value)) throw new InputError('cluster', `unknown cluster "${value}"`);
  return value;
}

export function parseFaultId(value: unknown, required: boolean): FaultId | undefined {
  if (value === undefined || value === null || value === '') {
    if (required) throw new InputError('id', 'is required');
    return undefined;
  }
  if (typeof value !== 'string' || !(value in FAULT_LAYERS)) {
    throw new InputError('id', `unknown fault "${String(value)}"; one of ${Object.keys(FAULT_LAYERS).join(', ')}`);
  }
  return value as FaultId;
}

export function parseFault(body: unknown, clusters: readonly string[]): { cluster: string; id: FaultId; target?: string } {
  const json = requireObject(body);
  const cluster = parseCluster(json.cluster, clusters, false);
  const id = parseFaultId(json.id, true)!;
  const target = optionalString(json, 'target');
  return { cluster, id, ...(target ? { target } : {}) };
}

function optionalNumber(json: Json, field: string, min: number, max: number, integer = false): number | undefined {
  const value = json[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw new InputError(field, `must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`);
  }
  return value;
}

function optionalBoolean(json: Json, field: string): boolean | undefined {
  const value = json[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw new InputError(field, 'must be true or false');
  return value;
}

const BROKEN_BODY_FIELDS = ['malformedJson', 'hugeBodyBytes', 'redirectTo'];
const KUBERNETES_ONLY_FIELDS = ['gone', 'endlessPaging', 'dropWatches'] as const;

export function parseBehaviour(body: unknown, clusters: readonly string[]): { selector: BehaviourSelector; patch: Partial<Behaviour> } {
  const json = requireObject(body);
  const known = ['upstream', 'cluster', 'latencyMs', 'errorRate', 'errorStatus', 'hang', 'refuse', ...BROKEN_BODY_FIELDS, ...KUBERNETES_ONLY_FIELDS];
  const unknown = Object.keys(json).find(k => !known.includes(k));
  if (unknown) throw new InputError(unknown, `unknown field; allowed: ${known.join(', ')}`);
  const upstream = json.upstream ?? '*';
  if (upstream !== '*' && !UPSTREAM_IDS.includes(upstream as UpstreamId)) {
    throw new InputError('upstream', `unknown upstream "${String(upstream)}"; one of ${UPSTREAM_IDS.join(', ')} or *`);
  }
  const cluster = json.cluster === undefined ? '*' : parseCluster(json.cluster, clusters, true);
  const patch: Partial<Behaviour> = {};
  const latencyMs = optionalNumber(json, 'latencyMs', 0, 600_000);
  const errorRate = optionalNumber(json, 'errorRate', 0, 1);
  const errorStatus = optionalNumber(json, 'errorStatus', 400, 599, true);
  const hang = optionalBoolean(json, 'hang');
  const refuse = optionalBoolean(json, 'refuse');
  if (latencyMs !== undefined) patch.latencyMs = latencyMs;
  if (errorRate !== undefined) patch.errorRate = errorRate;
  if (errorStatus !== undefined) patch.errorStatus = errorStatus;
  if (hang !== undefined) patch.hang = hang;
  if (refuse !== undefined) patch.refuse = refuse;
  Object.assign(patch, parseBodyFaults(json, upstream));
  if (Object.keys(patch).length === 0) throw new InputError('body', `set at least one of ${known.slice(2).join(', ')}`);
  return { selector: { upstream: upstream as UpstreamId | '*', cluster }, patch };
}

/** Broken bodies and redirects for any upstream; list and watch faults for the Kubernetes API only. */
function parseBodyFaults(json: Json, upstream: unknown): Partial<Behaviour> {
  const patch: Partial<Behaviour> = {};
  const malformedJson = optionalBoolean(json, 'malformedJson');
  const hugeBodyBytes = optionalNumber(json, 'hugeBodyBytes', 0, 1024 * 1024 * 1024, true);
  if (malformedJson !== undefined) patch.malformedJson = malformedJson;
  if (hugeBodyBytes !== undefined) patch.hugeBodyBytes = hugeBodyBytes;
  if (json.redirectTo !== undefined) {
    const target = json.redirectTo;
    if (target !== '' && (typeof target !== 'string' || !/^https?:\/\/[^/\s]+/.test(target))) {
      throw new InputError('redirectTo', 'must be an http(s) URL, or "" to stop redirecting');
    }
    patch.redirectTo = target as string;
  }
  for (const field of KUBERNETES_ONLY_FIELDS) {
    const value = optionalBoolean(json, field);
    if (value === undefined) continue;
    if (upstream !== 'kubernetes' && upstream !== '*') {
      throw new InputError(field, 'applies to the kubernetes upstream only');
    }
    patch[field] = value;
  }
  return patch;
}

export function parseAdvance(body: unknown): number {
  const json = requireObject(body);
  const ms = optionalNumber(json, 'ms', 0, 365 * 24 * 3600_000);
  if (ms === undefined) throw new InputError('ms', 'is required');
  return ms;
}
