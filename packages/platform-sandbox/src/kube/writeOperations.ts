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

import { randomBytes, randomUUID } from 'node:crypto';
import { applyDefaults, validateObject } from './admission';
import { validateJobStatusUpdate } from './jobStatus';
import { serverSideApply } from './apply';
import { parseBody } from './body';
import { toStorageVersion } from './conversion';
import { recordUpdate } from './managedFields';
import { deepEqual, isPlainObject, JsonObject, KubeObject, timestamp } from './objects';
import { fieldManagerOf, isDryRun, OperationContext, OperationResult, present, storeKey } from './operationContext';
import { jsonPatch, mergePatch, strategicMergePatch } from './patch';
import { findObject, scaleOf } from './readOperations';
import { apiVersionOf } from './resources';
import { parseFieldSelector, parseLabelSelector } from './selectors';
import { ApiError, alreadyExists, badRequest, conflict, invalid, notFound, StatusCause } from './status';

/** Media types of a create or update body, as the API server's decoder lists them. */
const OBJECT_MEDIA_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];

/** The API server's own summary of a body in an error: JSON cut at 30 bytes, anything else in hex. */
function summarizeBody(body: string): string {
  const data = Buffer.from(body, 'utf8');
  if (data.length === 0) return '<empty>';
  if (data[0] === 0x7b) return data.length > 30 ? `${data.subarray(0, 30).toString('utf8')} ...` : body;
  return data.length > 30 ? `${data.subarray(0, 30).toString('hex')} ...` : data.toString('hex');
}

/** A create or update body as JSON; malformed JSON is refused in the API server's words. */
function parseObjectJson(ctx: OperationContext): unknown {
  const body = ctx.body ?? '';
  if (body.trim() === '') return parseBody(body, false);
  try {
    return JSON.parse(body);
  } catch (error) {
    // Go's encoding/json words for the same failure, where they are known.
    const why = /Unexpected end of JSON input/i.test(String(error)) ? 'unexpected end of JSON input' : String((error as Error).message ?? error);
    throw badRequest(`the object provided is unrecognized (must be of type ${ctx.type.kind}): couldn't get version/kind; json parse error: ${why} (${summarizeBody(body)})`);
  }
}

function decodeObject(ctx: OperationContext, apply = false): KubeObject {
  const mediaType = ctx.contentType.split(';')[0].trim().toLowerCase();
  if (!apply && mediaType !== '' && !OBJECT_MEDIA_TYPES.includes(mediaType)) {
    throw new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${OBJECT_MEDIA_TYPES.join(', ')}`);
  }
  const yaml = apply || mediaType === 'application/yaml';
  const parsed = yaml ? parseBody(ctx.body ?? '', true) : parseObjectJson(ctx);
  if (!isPlainObject(parsed)) throw badRequest('the body of the request must be an object');
  const object = parsed as KubeObject;
  if (!isPlainObject(object.metadata)) object.metadata = { name: '' };
  return object;
}

/** Checks kind/apiVersion/namespace/name of a body against the URL, as the API server does. */
function checkIdentity(ctx: OperationContext, object: KubeObject): void {
  const { type, request } = ctx;
  if (ctx.request.subresource === 'scale') return;
  const served = type.versions.map(v => apiVersionOf(type.group, v));
  if (object.kind !== undefined && object.kind !== type.kind) {
    throw badRequest(`${object.kind} in version "${request.version}" cannot be handled as a ${type.kind}: the kind in the data (${object.kind}) does not match the expected kind (${type.kind})`);
  }
  if (object.apiVersion !== undefined && !served.includes(object.apiVersion)) {
    throw badRequest(`the API version in the data (${object.apiVersion}) does not match the expected API version (${apiVersionOf(type.group, request.version)})`);
  }
  object.kind = type.kind;
  object.apiVersion ??= apiVersionOf(type.group, request.version);
  if (type.namespaced) {
    if (object.metadata.namespace && object.metadata.namespace !== request.namespace) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    object.metadata.namespace = request.namespace;
  } else {
    delete object.metadata.namespace;
  }
  if (request.name !== undefined) {
    if (object.metadata.name && object.metadata.name !== request.name) {
      throw badRequest(`the name of the object (${object.metadata.name}) does not match the name on the URL (${request.name})`);
    }
    object.metadata.name = request.name;
  }
}

function ensureNamespaceWritable(ctx: OperationContext): void {
  const namespace = ctx.request.namespace;
  if (!ctx.type.namespaced || !namespace) return;
  const ns = ctx.store.get('namespaces', undefined, namespace);
  if (!ns) throw notFound({ group: '', plural: 'namespaces' }, namespace);
  if (ns.metadata.deletionTimestamp) {
    throw new ApiError(403, 'Forbidden', `${ctx.type.plural} "${ctx.request.name ?? ''}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`, {
      name: ctx.request.name,
      kind: ctx.type.plural,
      causes: [{ reason: 'NamespaceTerminating', message: `namespace ${namespace} is being terminated`, field: 'metadata.namespace' }],
    });
  }
}

function specChanged(previous: KubeObject, next: KubeObject): boolean {
  const strip = (o: KubeObject) => {
    const { metadata: _m, status: _s, ...rest } = o;
    return rest;
  };
  return !deepEqual(strip(previous), strip(next));
}

function sameExceptVersion(a: KubeObject, b: KubeObject): boolean {
  return deepEqual(
    { ...a, metadata: { ...a.metadata, resourceVersion: undefined } },
    { ...b, metadata: { ...b.metadata, resourceVersion: undefined } },
  );
}

interface WriteOptions {
  /** Managed fields were already computed (server-side apply). */
  managed?: boolean;
}

/** The common tail of every write: status rules, generation, validation, managed fields, dry run. */
function commit(ctx: OperationContext, previous: KubeObject | undefined, candidate: KubeObject, options: WriteOptions = {}): OperationResult {
  const { type } = ctx;
  const subresource = ctx.request.subresource;
  let next = toStorageVersion(type, candidate);
  const hasStatus = type.subresources.includes('status');
  if (subresource === 'status' && previous) {
    next = { ...previous, status: next.status, metadata: { ...previous.metadata, managedFields: next.metadata.managedFields } };
  } else if (hasStatus) {
    next = { ...next };
    if (previous && previous.status !== undefined) next.status = previous.status;
    else delete next.status;
  }
  if (!previous) next = applyDefaults(next);
  next.metadata = { ...next.metadata };
  if (previous) {
    next.metadata.generation = (previous.metadata.generation ?? 1) + (specChanged(previous, next) ? 1 : 0);
    next.metadata.uid = previous.metadata.uid;
    next.metadata.creationTimestamp = previous.metadata.creationTimestamp;
    if (previous.metadata.deletionTimestamp) next.metadata.deletionTimestamp = previous.metadata.deletionTimestamp;
    else delete next.metadata.deletionTimestamp;
  } else {
    next.metadata.generation = 1;
    delete next.metadata.resourceVersion;
    delete next.metadata.deletionTimestamp;
  }
  const causes = validateObject(type, next, previous);
  // Only a status write changes a Job's status (other writes keep the stored one).
  if (subresource === 'status' && previous && type.kind === 'Job' && type.group === 'batch') causes.push(...validateJobStatusUpdate(next, previous));
  if (causes.length > 0) throw invalid(type, next.metadata.name ?? '', causes);
  if (!options.managed) {
    const time = timestamp(ctx.now());
    next.metadata.managedFields = recordUpdate(previous, next, fieldManagerOf(ctx), time, subresource);
  }
  const finishing = !!next.metadata.deletionTimestamp && (next.metadata.finalizers ?? []).length === 0;
  if (previous && sameExceptVersion(previous, next) && !finishing) return { status: 200, body: respond(ctx, previous) };
  if (isDryRun(ctx)) {
    const preview = previous
      ? { ...next, metadata: { ...next.metadata, resourceVersion: previous.metadata.resourceVersion } }
      : { ...next, metadata: { ...next.metadata, uid: randomUUID(), creationTimestamp: timestamp(ctx.now()) } };
    return { status: previous ? 200 : 201, body: respond(ctx, preview) };
  }
  const key = storeKey(ctx);
  if (!previous) return { status: 201, body: respond(ctx, ctx.store.create(key, next, ctx.user.username)) };
  if (finishing) {
    return { status: 200, body: respond(ctx, ctx.store.delete(key, next.metadata.namespace, next.metadata.name, ctx.user.username)!) };
  }
  return { status: 200, body: respond(ctx, ctx.store.update(key, next, ctx.user.username)) };
}

function respond(ctx: OperationContext, object: KubeObject): KubeObject {
  return ctx.request.subresource === 'scale' ? scaleOf(object) : present(ctx, object);
}

/** apimachinery ValidatePatchOptions failures: 422 on PatchOptions.meta.k8s.io. */
function invalidPatchOptions(cause: StatusCause): ApiError {
  return invalid({ group: 'meta.k8s.io', kind: 'PatchOptions' }, '', [cause]);
}

export function createObject(ctx: OperationContext): OperationResult {
  const object = decodeObject(ctx);
  checkIdentity(ctx, object);
  if (!object.metadata.name && object.metadata.generateName) {
    object.metadata.name = `${object.metadata.generateName}${randomBytes(4).toString('hex').slice(0, 5)}`;
  }
  ensureNamespaceWritable(ctx);
  const name = object.metadata.name;
  if (name && ctx.store.get(storeKey(ctx), ctx.request.namespace, name)) throw alreadyExists(ctx.type, name);
  return commit(ctx, undefined, object);
}

function checkPrecondition(ctx: OperationContext, previous: KubeObject, sent: KubeObject): void {
  const rv = sent.metadata?.resourceVersion;
  if (rv && rv !== previous.metadata.resourceVersion) throw conflict(ctx.type, previous.metadata.name);
}

/** The object a scale subresource write produces. */
function withScale(previous: KubeObject, scale: KubeObject): KubeObject {
  const replicas = (scale.spec as { replicas?: number } | undefined)?.replicas;
  return { ...previous, spec: { ...(previous.spec as JsonObject), replicas } };
}

export function updateObject(ctx: OperationContext): OperationResult {
  const previous = findObject(ctx);
  const object = decodeObject(ctx);
  checkIdentity(ctx, object);
  checkPrecondition(ctx, previous, object);
  const candidate = ctx.request.subresource === 'scale' ? withScale(previous, object) : object;
  return commit(ctx, previous, candidate);
}

export function patchObject(ctx: OperationContext): OperationResult {
  const contentType = ctx.contentType.split(';')[0].trim();
  const force = ctx.query.get('force');
  if (contentType === 'application/apply-patch+yaml') return applyObject(ctx, force === 'true');
  if (force !== null) throw invalidPatchOptions({ reason: 'FieldValueForbidden', message: 'Forbidden: may not be specified for non-apply patch', field: 'force' });
  const previous = findObject(ctx);
  const base = ctx.request.subresource === 'scale' ? scaleOf(previous) : present(ctx, previous);
  let patched: unknown;
  switch (contentType) {
    case 'application/merge-patch+json':
      patched = mergePatch(base, parseBody(ctx.body ?? '', false));
      break;
    case 'application/strategic-merge-patch+json':
      patched = strategicMergePatch(base, parseBody(ctx.body ?? '', false));
      break;
    case 'application/json-patch+json':
      patched = jsonPatch(base as JsonObject, parseBody(ctx.body ?? '', false));
      break;
    default:
      // Refused by the route's list of patch types before any handler, in go-restful's words.
      throw new ApiError(415, 'UnsupportedMediaType', '415: Unsupported Media Type');
  }
  const object = patched as KubeObject;
  checkIdentity(ctx, object);
  checkPrecondition(ctx, previous, object);
  const candidate = ctx.request.subresource === 'scale' ? withScale(previous, object) : object;
  return commit(ctx, previous, candidate);
}

function applyObject(ctx: OperationContext, force: boolean): OperationResult {
  const manager = ctx.query.get('fieldManager');
  if (!manager) throw invalidPatchOptions({ reason: 'FieldValueRequired', message: 'Required value: is required for apply patch', field: 'fieldManager' });
  const config = decodeObject(ctx, true);
  if (!config.apiVersion || !config.kind) {
    throw badRequest('apiVersion and kind must be set in the applied configuration');
  }
  checkIdentity(ctx, config);
  const previous = ctx.store.get(storeKey(ctx), ctx.request.namespace, ctx.request.name!);
  if (!previous) {
    if (ctx.request.subresource) throw notFound(ctx.type, ctx.request.name!);
    ensureNamespaceWritable(ctx);
  }
  const current = previous ? present(ctx, previous) : undefined;
  const applied = serverSideApply({
    current,
    config,
    manager,
    force,
    time: timestamp(ctx.now()),
    subresource: ctx.request.subresource,
  });
  return commit(ctx, previous, applied, { managed: true });
}

/**
 * Kinds whose registry sets `ReturnDeletedObject`: a delete answers with the
 * object. Every other kind answers a finished delete with a Status.
 */
const RETURNS_DELETED_OBJECT = new Set([
  'pods', 'services', 'namespaces', 'persistentvolumes', 'persistentvolumeclaims', 'serviceaccounts', 'podtemplates', 'resourcequotas',
  'storage.k8s.io/storageclasses', 'storage.k8s.io/csidrivers', 'storage.k8s.io/csinodes', 'storage.k8s.io/volumeattachments', 'storage.k8s.io/volumeattributesclasses',
]);

/** Deletes one object (or marks it terminating) and returns it as it was last stored. */
function deleteOne(ctx: OperationContext): { object: KubeObject; finished: boolean } {
  const previous = findObject(ctx);
  const options = ctx.body ? (parseBody(ctx.body, false) as { preconditions?: { resourceVersion?: string; uid?: string } }) : {};
  const pre = options.preconditions;
  if (pre?.resourceVersion && pre.resourceVersion !== previous.metadata.resourceVersion) {
    throw conflict(ctx.type, previous.metadata.name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${previous.metadata.resourceVersion}`);
  }
  if (pre?.uid && pre.uid !== previous.metadata.uid) {
    throw conflict(ctx.type, previous.metadata.name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${previous.metadata.uid}`);
  }
  const terminating = previous.kind === 'Namespace' || (previous.metadata.finalizers ?? []).length > 0;
  if (isDryRun(ctx)) return { object: present(ctx, previous), finished: !terminating };
  const key = storeKey(ctx);
  if (terminating) {
    if (previous.metadata.deletionTimestamp) return { object: present(ctx, previous), finished: false };
    const marked: KubeObject = {
      ...previous,
      metadata: { ...previous.metadata, deletionTimestamp: timestamp(ctx.now()) },
      ...(previous.kind === 'Namespace' ? { status: { ...(previous.status as JsonObject), phase: 'Terminating' } } : {}),
    };
    return { object: present(ctx, ctx.store.update(key, marked, ctx.user.username)), finished: false };
  }
  return { object: present(ctx, ctx.store.delete(key, previous.metadata.namespace, previous.metadata.name, ctx.user.username)!), finished: true };
}

export function deleteObject(ctx: OperationContext): OperationResult {
  const { object, finished } = deleteOne(ctx);
  const { group, plural } = ctx.type;
  if (!finished || RETURNS_DELETED_OBJECT.has(group ? `${group}/${plural}` : plural)) return { status: 200, body: object };
  return {
    status: 200,
    body: {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      details: { name: object.metadata.name, ...(group ? { group } : {}), kind: plural, uid: object.metadata.uid },
    },
  };
}

export function deleteCollection(ctx: OperationContext): OperationResult {
  const items = ctx.store.list(storeKey(ctx), ctx.request.namespace);
  const labels = parseLabelSelector(ctx.query.get('labelSelector'));
  const fields = parseFieldSelector(ctx.query.get('fieldSelector'), ctx.type.kind, ctx.type.group);
  const deleted: KubeObject[] = [];
  for (const item of items.filter(o => labels(o) && fields(o))) {
    const sub = { ...ctx, request: { ...ctx.request, name: item.metadata.name, namespace: item.metadata.namespace }, body: undefined };
    deleted.push(deleteOne(sub).object);
  }
  return {
    status: 200,
    body: {
      kind: `${ctx.type.kind}List`,
      apiVersion: apiVersionOf(ctx.type.group, ctx.request.version),
      metadata: { resourceVersion: String(ctx.store.resourceVersion) },
      items: deleted,
    },
  };
}
