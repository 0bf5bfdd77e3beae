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

import { createHash } from 'node:crypto';
import { KubeObject } from './objects';
import { badRequest } from './status';

type ContainerStatus = {
  name: string;
  restartCount?: number;
  state?: { waiting?: { reason?: string }; running?: unknown };
  lastState?: { terminated?: { reason?: string } };
};

const MESSAGES = [
  'level=info msg="request served" method=GET path=/healthz status=200 duration=1.2ms',
  'level=info msg="request served" method=GET path=/api status=200 duration=8.4ms',
  'level=info msg="reconciled" objects=42 duration=31ms',
  'level=debug msg="cache refreshed" entries=128',
  'level=info msg="metrics scraped" series=1534',
];

/**
 * pods/log: deterministic log lines for a container, ending in the error a
 * crash-looping container dies with, or (previous) the heap growing before
 * an OOM kill. Honours container, tailLines, timestamps, previous and
 * limitBytes; the API server streams `follow` (podLogFollows, followedLine).
 */
export function podLog(pod: KubeObject, query: URLSearchParams, now: Date): string {
  const { container, status } = containerOf(pod, query);
  // The kubelet's own refusals, which the API server passes on.
  const waiting = status?.state?.waiting?.reason;
  if (!(pod.spec as { nodeName?: string }).nodeName) {
    // A pod no node has taken has no kubelet to ask: the API server answers with nothing.
    return '';
  }
  if (query.get('previous') === 'true' && !status?.restartCount) {
    throw badRequest(`previous terminated container "${container}" in pod "${pod.metadata.name}" not found`);
  }
  if (waiting && !status?.lastState?.terminated) {
    const why = waiting === 'ImagePullBackOff' || waiting === 'ErrImagePull' ? 'trying and failing to pull image' : waiting;
    throw badRequest(`container "${container}" in pod "${pod.metadata.name}" is waiting to start: ${why}`);
  }
  const oomKilled = status?.lastState?.terminated?.reason === 'OOMKilled';
  const lines = baseLines(pod, container);
  if (waiting === 'CrashLoopBackOff') {
    lines.push('level=error msg="failed to start" err="dial tcp 10.96.0.1:443: connect: connection refused"');
    lines.push('level=fatal msg="exiting" code=1');
  } else if (oomKilled && query.get('previous') === 'true') {
    // The kernel kills without a word: the last lines are the heap growing.
    for (const mb of [412, 467, 498, 509]) lines.push(`level=warn msg="heap usage high" heap_mb=${mb} limit_mb=512`);
  }
  return render(lines, query, now);
}

/** Whether `follow` keeps the stream open: the container runs now (a previous one has ended). */
export function podLogFollows(pod: KubeObject, query: URLSearchParams): boolean {
  if (query.get('follow') !== 'true' || query.get('previous') === 'true') return false;
  const { status } = containerOf(pod, query);
  return Boolean(status?.state?.running);
}

/** The n-th line a followed container writes after its log so far, stamped now. */
export function followedLine(pod: KubeObject, query: URLSearchParams, now: Date, n: number): string {
  const { container } = containerOf(pod, query);
  const seed = createHash('sha1').update(`${pod.metadata.name}/${container}/${n}`).digest();
  const line = MESSAGES[seed[0] % MESSAGES.length];
  return query.get('timestamps') === 'true' ? `${now.toISOString()} ${line}\n` : `time="${now.toISOString()}" ${line}\n`;
}

function containerOf(pod: KubeObject, query: URLSearchParams): { container: string; status?: ContainerStatus } {
  const containers = ((pod.spec as { containers?: Array<{ name: string }> })?.containers ?? []).map(c => c.name);
  const container = query.get('container') ?? containers[0];
  if (!container || !containers.includes(container)) {
    throw badRequest(`container ${container} is not valid for pod ${pod.metadata.name}`);
  }
  if (!query.has('container') && containers.length > 1) {
    throw badRequest(`a container name must be specified for pod ${pod.metadata.name}, choose one of: [${containers.join(' ')}]`);
  }
  const status = ((pod.status as { containerStatuses?: ContainerStatus[] })?.containerStatuses ?? []).find(c => c.name === container);
  return { container, status };
}

function baseLines(pod: KubeObject, container: string): string[] {
  const seed = createHash('sha1').update(`${pod.metadata.name}/${container}`).digest();
  const lines: string[] = [];
  for (let i = 0; i < 50; i++) lines.push(MESSAGES[(seed[i % seed.length] + i) % MESSAGES.length]);
  return lines;
}

function render(lines: string[], query: URLSearchParams, now: Date): string {
  const stamped = lines.map((line, i) => {
    const at = new Date(now.getTime() - (lines.length - i) * 15_000).toISOString();
    return query.get('timestamps') === 'true' ? `${at} ${line}` : `time="${at}" ${line}`;
  });
  const tail = Number(query.get('tailLines') ?? NaN);
  const selected = Number.isInteger(tail) && tail >= 0 ? stamped.slice(Math.max(0, stamped.length - tail)) : stamped;
  const text = selected.length > 0 ? `${selected.join('\n')}\n` : '';
  const limit = Number(query.get('limitBytes') ?? NaN);
  return Number.isInteger(limit) && limit > 0 ? Buffer.from(text).subarray(0, limit).toString('utf8') : text;
}
