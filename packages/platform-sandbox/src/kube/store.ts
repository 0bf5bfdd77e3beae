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

import { randomUUID } from 'node:crypto';
import { keyOf, KubeObject, objectKey, timestamp } from './objects';

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: EventType;
  /** Group-qualified plural, e.g. `deployments.apps`. */
  resource: string;
  object: KubeObject;
  /** The object before this change (absent for ADDED). */
  previous?: KubeObject;
  rv: number;
  /** Simulated time of the change, ms since epoch. */
  at: number;
  /** The user whose API request made the change; absent when the simulated cluster's own controllers made it. */
  by?: string;
}

export interface StoreOptions {
  now: () => Date;
  /** Changes kept for watches and continue tokens, by count. */
  historyLimit?: number;
  /** ... and by simulated age, like the etcd compaction window. */
  retentionMs?: number;
}

export class TooOldError extends Error {}

type Listener = (event: StoreEvent) => void;

/**
 * Objects of one simulated cluster with etcd-like resourceVersions: one
 * counter per cluster, a history of changes to replay watches from and to
 * rebuild the snapshot a continue token refers to.
 */
export class ObjectStore {
  private revision = 1;
  private readonly objects = new Map<string, Map<string, KubeObject>>();
  private history: StoreEvent[] = [];
  /** Oldest revision that can still be replayed or listed at. */
  private compactedRevision = 1;
  private readonly listeners = new Set<Listener>();
  private readonly historyLimit: number;
  private readonly retentionMs: number;

  constructor(private readonly options: StoreOptions) {
    this.historyLimit = options.historyLimit ?? 10000;
    this.retentionMs = options.retentionMs ?? 5 * 60 * 1000;
  }

  get resourceVersion(): number {
    return this.revision;
  }

  get oldestResourceVersion(): number {
    return this.compactedRevision;
  }

  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.objects.get(resource)?.get(objectKey(namespace, name));
  }

  /** Current objects of one resource, sorted by key, optionally in one namespace. */
  list(resource: string, namespace?: string): KubeObject[] {
    const all = [...(this.objects.get(resource)?.values() ?? [])];
    const items = namespace ? all.filter(o => o.metadata.namespace === namespace) : all;
    return items.sort((a, b) => compareKeys(keyOf(a), keyOf(b)));
  }

  /** The objects as they were at revision rv, rebuilt by undoing later changes. */
  listAt(resource: string, rv: number, namespace?: string): KubeObject[] {
    if (rv >= this.revision) return this.list(resource, namespace);
    if (rv < this.compactedRevision) throw new TooOldError(`revision ${rv} compacted`);
    const state = new Map(this.objects.get(resource) ?? []);
    for (let i = this.history.length - 1; i >= 0 && this.history[i].rv > rv; i--) {
      const event = this.history[i];
      if (event.resource !== resource) continue;
      const key = keyOf(event.object);
      if (event.previous) state.set(key, event.previous);
      else state.delete(key);
    }
    const items = [...state.values()].filter(o => !namespace || o.metadata.namespace === namespace);
    return items.sort((a, b) => compareKeys(keyOf(a), keyOf(b)));
  }

  /** Changes after rv, oldest first; throws TooOldError when they were compacted. */
  changesSince(rv: number): StoreEvent[] {
    if (rv < this.compactedRevision) throw new TooOldError(`revision ${rv} compacted`);
    let start = this.history.length;
    while (start > 0 && this.history[start - 1].rv > rv) start--;
    return this.history.slice(start);
  }

  count(): number {
    let n = 0;
    for (const byKey of this.objects.values()) n += byKey.size;
    return n;
  }

  /** Stores a new object, filling uid, resourceVersion, creationTimestamp and generation. */
  create(resource: string, object: KubeObject, by?: string): KubeObject {
    const now = this.options.now();
    const rv = this.nextRevision();
    const stored: KubeObject = {
      ...object,
      metadata: {
        ...object.metadata,
        uid: object.metadata.uid ?? randomUUID(),
        resourceVersion: String(rv),
        creationTimestamp: object.metadata.creationTimestamp ?? timestamp(now),
        generation: object.metadata.generation ?? 1,
      },
    };
    this.byResource(resource).set(keyOf(stored), stored);
    this.record({ type: 'ADDED', resource, object: stored, rv, at: now.getTime(), by });
    return stored;
  }

  /** Replaces an object; identity fields are kept from the stored one. */
  update(resource: string, object: KubeObject, by?: string): KubeObject {
    const key = keyOf(object);
    const previous = this.byResource(resource).get(key);
    if (!previous) throw new Error(`update of missing ${resource} ${key}`);
    const now = this.options.now();
    const rv = this.nextRevision();
    const stored: KubeObject = {
      ...object,
      metadata: {
        ...object.metadata,
        uid: previous.metadata.uid,
        creationTimestamp: previous.metadata.creationTimestamp,
        resourceVersion: String(rv),
      },
    };
    this.byResource(resource).set(key, stored);
    this.record({ type: 'MODIFIED', resource, object: stored, previous, rv, at: now.getTime(), by });
    return stored;
  }

  delete(resource: string, namespace: string | undefined, name: string, by?: string): KubeObject | undefined {
    const key = objectKey(namespace, name);
    const previous = this.objects.get(resource)?.get(key);
    if (!previous) return undefined;
    const now = this.options.now();
    const rv = this.nextRevision();
    this.objects.get(resource)!.delete(key);
    // The DELETED event carries the last state with a new resourceVersion, as etcd3 watch does.
    const object = { ...previous, metadata: { ...previous.metadata, resourceVersion: String(rv) } };
    this.record({ type: 'DELETED', resource, object, previous, rv, at: now.getTime(), by });
    return object;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Drops history older than the retention window (simulated time). */
  compact(): void {
    const cutoff = this.options.now().getTime() - this.retentionMs;
    let drop = 0;
    while (drop < this.history.length && this.history[drop].at < cutoff) drop++;
    drop = Math.max(drop, this.history.length - this.historyLimit);
    if (drop > 0) {
      this.compactedRevision = this.history[drop - 1].rv;
      this.history = this.history.slice(drop);
    }
    if (this.history.length === 0) this.compactedRevision = this.revision;
  }

  private nextRevision(): number {
    this.revision += 1;
    return this.revision;
  }

  private byResource(resource: string): Map<string, KubeObject> {
    let byKey = this.objects.get(resource);
    if (!byKey) {
      byKey = new Map();
      this.objects.set(resource, byKey);
    }
    return byKey;
  }

  private record(event: StoreEvent): void {
    this.history.push(event);
    if (this.history.length > this.historyLimit * 1.1) this.compact();
    for (const listener of this.listeners) listener(event);
  }
}

/** Byte order, as etcd keys sort. */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
