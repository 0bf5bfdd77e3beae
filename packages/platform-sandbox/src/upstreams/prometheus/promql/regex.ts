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
 * A label-matcher or label_replace regular expression, anchored at both ends
 * as Prometheus anchors Go's RE2 syntax; a leading `(?i)` flag (common in
 * Grafana queries) becomes JavaScript's `i` flag. Throws on invalid syntax.
 */
export function compileRegex(source: string): RegExp {
  const flags = /^\(\?i\)/.test(source) ? 'i' : '';
  const body = flags ? source.slice(4) : source;
  return new RegExp(`^(?:${body})$`, flags);
}
