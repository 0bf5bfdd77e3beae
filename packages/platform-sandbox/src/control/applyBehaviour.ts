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

import { IncomingMessage, ServerResponse } from 'node:http';
import { Behaviour, ControlState, UpstreamId } from './ControlState';
import { writeHugeJson, writeMalformedJson } from './brokenBodies';

export interface GateOptions {
  upstream: UpstreamId;
  cluster: string;
  /** Verb counted for this request, e.g. 'list', 'get', 'watch', 'GET'. */
  verb: string;
  /** Writes the upstream's own error body for a simulated failure. */
  writeError: (res: ServerResponse, status: number) => void;
}

/**
 * Applies the control API's behaviour to one request before the simulator
 * answers it. Resolves true when the simulator should answer, false when the
 * request was refused, failed, redirected, answered with a broken or huge
 * body, or left hanging.
 */
export async function applyBehaviour(
  control: ControlState,
  req: IncomingMessage,
  res: ServerResponse,
  options: GateOptions,
): Promise<boolean> {
  control.countRequest(options.upstream, options.cluster, options.verb);
  const behaviour: Behaviour = control.behaviourFor(options.upstream, options.cluster);
  if (behaviour.refuse) {
    req.socket.destroy();
    return false;
  }
  if (behaviour.hang) {
    // Hold the socket open with no answer, as a wedged server does; it is
    // released when the client gives up.
    return false;
  }
  if (behaviour.latencyMs > 0) {
    await new Promise(resolve => setTimeout(resolve, behaviour.latencyMs));
    if (req.socket.destroyed) {
      return false;
    }
  }
  if (control.shouldFail(behaviour)) {
    options.writeError(res, behaviour.errorStatus);
    return false;
  }
  if (behaviour.redirectTo) {
    const location = `${behaviour.redirectTo.replace(/\/+$/, '')}${req.url ?? '/'}`;
    res.writeHead(302, { Location: location, 'Content-Length': 0 });
    res.end();
    return false;
  }
  if (behaviour.malformedJson) {
    writeMalformedJson(res);
    return false;
  }
  if (behaviour.hugeBodyBytes > 0) {
    writeHugeJson(res, behaviour.hugeBodyBytes);
    return false;
  }
  return true;
}
