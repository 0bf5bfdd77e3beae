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

import { ConflictError } from '@backstage/errors';
import express from 'express';
import { NamespacedKubernetesReader } from '../../clients/kubernetes/NamespacedKubernetesReader';
import { LogQuery } from './logQuery';

/** Limits on one followed log: it ends at whichever comes first. */
export interface FollowLimits {
  deadlineMs: number;
  maxBytes: number;
}

/** A follow ends within ten minutes and four MiB; the page can start another. */
export const FOLLOW_LIMITS: FollowLimits = {
  deadlineMs: 10 * 60_000,
  maxBytes: 4 * 1024 * 1024,
};

/** The most a log that is not followed may be. */
export const MAX_LOG_BYTES = 8 * 1024 * 1024;

function headersFor(query: LogQuery) {
  const headers: Record<string, string> = {
    'Content-Type': 'text/plain; charset=utf-8',
    // no-transform keeps the compression middleware from holding a followed log back.
    'Cache-Control': 'no-store, no-transform',
    'X-Content-Type-Options': 'nosniff',
  };
  if (query.download) {
    headers['Content-Disposition'] = `attachment; filename="${query.cluster}-${
      query.pod
    }-${query.container}${query.previous ? '-previous' : ''}.log"`;
  }
  return headers;
}

/**
 * Answers a log request: the tail (current or previous container) as text,
 * or with `follow` the API server's stream passed through until the
 * deadline, the byte cap, the end of the container's log, or the client
 * going away, whichever comes first; the upstream request ends with it.
 */
export async function streamPodLog(
  req: express.Request,
  res: express.Response,
  target: { reader: NamespacedKubernetesReader; namespace: string },
  query: LogQuery,
  limits: FollowLimits = FOLLOW_LIMITS,
): Promise<void> {
  const { reader, namespace } = target;
  const options = {
    container: query.container,
    previous: query.previous,
    tailLines: query.tailLines,
    follow: query.follow,
    limitBytes: query.follow ? undefined : MAX_LOG_BYTES,
  };
  const stop = new AbortController();
  const onClose = () => stop.abort();
  res.on('close', onClose);
  const deadline = setTimeout(() => stop.abort(), limits.deadlineMs);
  try {
    const answer = await reader.podLog(
      namespace,
      query.pod,
      options,
      stop.signal,
    );
    if ('refused' in answer) {
      // The kubelet's words: a container waiting to start, no previous one.
      throw new ConflictError(answer.refused);
    }
    res.status(200).set(headersFor(query));
    if ('text' in answer) {
      res.end(answer.text);
      return;
    }
    res.flushHeaders();
    const body = answer.stream.body!.getReader();
    let sent = 0;
    try {
      for (;;) {
        const { done, value } = await body.read();
        if (done || stop.signal.aborted) break;
        sent += value.byteLength;
        if (sent > limits.maxBytes) {
          res.write(
            `\n[the portal stopped following after ${limits.maxBytes} bytes; follow again for more]\n`,
          );
          break;
        }
        res.write(value);
      }
    } catch (error) {
      if (!stop.signal.aborted) throw error;
    } finally {
      await body.cancel().catch(() => undefined);
    }
    if (stop.signal.aborted && !res.writableEnded && !req.destroyed) {
      res.write(
        '\n[the portal stopped following at its deadline; follow again for more]\n',
      );
    }
    res.end();
  } finally {
    clearTimeout(deadline);
    res.off('close', onClose);
  }
}
