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

/**
 * Who is being called, so that an error can say which upstream on which
 * cluster failed and what to check. `secrets` are removed from any text that
 * leaves the client.
 */
export interface UpstreamTarget {
  /** Human name of the upstream, e.g. `Kubernetes API`, `HAProxy stats`. */
  upstream: string;
  cluster?: string;
  /** What an operator should check, e.g. the config key of the URL. */
  hint: string;
  /** The config keys of the upstream's trust, named when its certificate is refused. */
  tlsHint?: string;
  secrets?: string[];
}

/** Replaces every secret in a text, so a token echoed by an upstream never leaks. */
export function redact(text: string, secrets: string[] = []): string {
  let result = text;
  for (const secret of secrets) {
    if (secret) {
      result = result.split(secret).join('[redacted]');
    }
  }
  return result;
}

export function describeTarget(target: UpstreamTarget): string {
  return target.cluster
    ? `${target.upstream} of cluster ${target.cluster}`
    : target.upstream;
}
