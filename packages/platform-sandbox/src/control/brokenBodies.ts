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

import { ServerResponse } from 'node:http';

/** A list answer cut off mid-object, as a proxy that drops the rest does. */
export const MALFORMED_JSON = '{"kind":"List","apiVersion":"v1","metadata":{},"items":[{"metadata":{"name":';

export function writeMalformedJson(res: ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(MALFORMED_JSON) });
  res.end(MALFORMED_JSON);
}

const FILLER = 'x'.repeat(1024);

/**
 * A valid JSON list of ConfigMap-shaped items, `bytes` long or a little
 * more, streamed with backpressure so the sandbox itself never holds it.
 * Sent chunked, without a Content-Length, so a client learns its size only
 * by reading it.
 */
export function writeHugeJson(res: ServerResponse, bytes: number): void {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  const head = '{"kind":"List","apiVersion":"v1","metadata":{"resourceVersion":"1"},"items":[';
  let written = head.length;
  let index = 0;
  res.write(head);
  const pump = () => {
    while (written < bytes) {
      if (res.destroyed) return;
      const item = `${index > 0 ? ',' : ''}{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"filler-${index}","namespace":"default"},"data":{"filler":"${FILLER}"}}`;
      index += 1;
      written += item.length;
      if (!res.write(item)) {
        res.once('drain', pump);
        return;
      }
    }
    res.end(']}');
  };
  res.on('close', () => res.removeListener('drain', pump));
  pump();
}
