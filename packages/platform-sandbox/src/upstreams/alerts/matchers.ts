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

/** A label matcher as Alertmanager and Prometheus write them: `name="v"`, `!=`, `=~`, `!~`. */
export interface LabelMatcher {
  name: string;
  value: string;
  isRegex: boolean;
  isEqual: boolean;
}

const MATCHER = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"\s*$/;
const UNQUOTED = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*([^"\s,{}]*)\s*$/;

/** Parses one matcher; quotes are optional, as Alertmanager allows. */
export function parseMatcher(text: string): LabelMatcher | undefined {
  const m = MATCHER.exec(text) ?? UNQUOTED.exec(text);
  if (!m) return undefined;
  const [, name, op, raw] = m;
  return {
    name,
    value: raw.replace(/\\(.)/g, '$1'),
    isRegex: op === '=~' || op === '!~',
    isEqual: op === '=' || op === '=~',
  };
}

/** Regexes are fully anchored, as in Prometheus. Returns undefined for an invalid regex. */
export function compileMatcher(m: LabelMatcher): ((labels: Record<string, string>) => boolean) | undefined {
  let test: (v: string) => boolean;
  if (m.isRegex) {
    let re: RegExp;
    try {
      re = new RegExp(`^(?:${m.value})$`);
    } catch {
      return undefined;
    }
    test = v => re.test(v);
  } else {
    test = v => v === m.value;
  }
  return labels => test(labels[m.name] ?? '') === m.isEqual;
}

/** Parses `{a="b", c=~"d"}` or a bare list `a="b",c="d"`; undefined if any part is invalid. */
export function parseMatcherList(text: string): LabelMatcher[] | undefined {
  const inner = text.trim().replace(/^\{/, '').replace(/\}$/, '');
  if (inner.trim() === '') return [];
  const parts = inner.match(/(?:[^,"]|"(?:[^"\\]|\\.)*")+/g) ?? [];
  const matchers = parts.map(parseMatcher);
  return matchers.every(Boolean) ? (matchers as LabelMatcher[]) : undefined;
}
