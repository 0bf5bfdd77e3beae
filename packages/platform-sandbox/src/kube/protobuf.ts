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

/*
 * Just enough protobuf to read what kubectl sends as
 * `application/vnd.kubernetes.protobuf`: the "k8s\0" envelope around
 * runtime.Unknown, then a SelfSubjectAccessReview (`auth can-i`), a Namespace
 * or a ConfigMap (`create namespace`, `create configmap`). Field numbers are
 * those of the generated.proto files of k8s.io/api and apimachinery.
 */

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

type Fields = Map<number, Buffer[]>;

function readVarint(buf: Buffer, offset: number): [number, number] {
  let value = 0;
  let shift = 0;
  let pos = offset;
  for (;;) {
    if (pos >= buf.length) throw badRequest('truncated protobuf varint');
    const byte = buf[pos++];
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return [value, pos];
    shift += 7;
  }
}

/** The length-delimited fields of one message, by field number. */
function fieldsOf(buf: Buffer, varints?: Map<number, number>): Fields {
  const fields: Fields = new Map();
  let pos = 0;
  while (pos < buf.length) {
    const [key, afterKey] = readVarint(buf, pos);
    const field = Math.floor(key / 8);
    const wireType = key % 8;
    pos = afterKey;
    if (wireType === 0) {
      const [value, next] = readVarint(buf, pos);
      varints?.set(field, value);
      pos = next;
    } else if (wireType === 1) {
      pos += 8;
    } else if (wireType === 5) {
      pos += 4;
    } else if (wireType === 2) {
      const [len, start] = readVarint(buf, pos);
      fields.set(field, [...(fields.get(field) ?? []), buf.subarray(start, start + len)]);
      pos = start + len;
    } else {
      throw badRequest(`unsupported protobuf wire type ${wireType}`);
    }
  }
  return fields;
}

function text(fields: Fields, n: number): string | undefined {
  const value = fields.get(n)?.[0];
  return value ? value.toString('utf8') : undefined;
}

function message(fields: Fields, n: number): Fields | undefined {
  const value = fields.get(n)?.[0];
  return value ? fieldsOf(value) : undefined;
}

export function isProtobuf(contentType: string): boolean {
  return contentType.split(';')[0].trim() === 'application/vnd.kubernetes.protobuf';
}

/** Decodes a protobuf SelfSubjectAccessReview into its JSON form. */
export function decodeAccessReview(body: Buffer): Record<string, unknown> {
  if (!body.subarray(0, 4).equals(MAGIC)) throw badRequest('protobuf body without the k8s envelope');
  const unknown = fieldsOf(body.subarray(4));
  const raw = unknown.get(2)?.[0] ?? Buffer.alloc(0);
  const review = fieldsOf(raw);
  const spec = message(review, 2);
  const resource = spec && message(spec, 1);
  const nonResource = spec && message(spec, 2);
  const resourceAttributes = resource && {
    namespace: text(resource, 1),
    verb: text(resource, 2),
    group: text(resource, 3),
    version: text(resource, 4),
    resource: text(resource, 5),
    subresource: text(resource, 6),
    name: text(resource, 7),
  };
  const nonResourceAttributes = nonResource && { path: text(nonResource, 1), verb: text(nonResource, 2) };
  return {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectAccessReview',
    spec: {
      ...(resourceAttributes ? { resourceAttributes: JSON.parse(JSON.stringify(resourceAttributes)) } : {}),
      ...(nonResourceAttributes ? { nonResourceAttributes: JSON.parse(JSON.stringify(nonResourceAttributes)) } : {}),
    },
  };
}

function texts(fields: Fields, n: number): string[] {
  return (fields.get(n) ?? []).map(b => b.toString('utf8'));
}

/** A map<string, string> field: repeated entries of key = 1, value = 2. */
function stringMap(fields: Fields, n: number, encoding: BufferEncoding = 'utf8'): Record<string, string> | undefined {
  const entries = fields.get(n);
  if (!entries) return undefined;
  const result: Record<string, string> = {};
  for (const entry of entries) {
    const kv = fieldsOf(entry);
    result[text(kv, 1) ?? ''] = kv.get(2)?.[0]?.toString(encoding) ?? '';
  }
  return result;
}

/** ObjectMeta as a client sends it on create (meta/v1 generated.proto). */
function objectMeta(fields: Fields | undefined): Record<string, unknown> {
  if (!fields) return {};
  const finalizers = texts(fields, 14);
  return JSON.parse(
    JSON.stringify({
      name: text(fields, 1),
      generateName: text(fields, 2),
      namespace: text(fields, 3),
      labels: stringMap(fields, 11),
      annotations: stringMap(fields, 12),
      ...(finalizers.length ? { finalizers } : {}),
    }),
  );
}

/** The object inside the envelope, for the kinds kubectl creates that are decoded here. */
export function decodeProtobufObject(kind: string, body: Buffer): Record<string, unknown> | undefined {
  if (kind === 'SelfSubjectAccessReview') return decodeAccessReview(body);
  if (!body.subarray(0, 4).equals(MAGIC)) throw badRequest('protobuf body without the k8s envelope');
  const raw = fieldsOf(body.subarray(4)).get(2)?.[0] ?? Buffer.alloc(0);
  const varints = new Map<number, number>();
  const object = fieldsOf(raw, varints);
  const metadata = objectMeta(message(object, 1));
  if (kind === 'Namespace') {
    const finalizers = texts(message(object, 2) ?? new Map(), 1);
    return { apiVersion: 'v1', kind, metadata, ...(finalizers.length ? { spec: { finalizers } } : {}) };
  }
  if (kind === 'ConfigMap') {
    const data = stringMap(object, 2);
    const binaryData = stringMap(object, 3, 'base64');
    return {
      apiVersion: 'v1',
      kind,
      metadata,
      ...(data ? { data } : {}),
      ...(binaryData ? { binaryData } : {}),
      ...(varints.has(4) ? { immutable: varints.get(4) === 1 } : {}),
    };
  }
  return undefined;
}
