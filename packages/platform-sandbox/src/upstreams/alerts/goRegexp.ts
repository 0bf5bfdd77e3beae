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
 * Compiles a fully anchored regex (`^(?:…)$`, as Prometheus and Alertmanager
 * anchor matchers); on failure, the text Go's regexp package gives for the
 * usual mistakes, e.g. "error parsing regexp: missing closing ): `^(?:()$`".
 */
export function compileAnchored(value: string): RegExp | { error: string } {
  const anchored = `^(?:${value})$`;
  try {
    return new RegExp(anchored);
  } catch (error) {
    const js = (error as Error).message;
    let go: string;
    if (/Unterminated character class/.test(js))
      go = `missing closing ]: \`${anchored.slice(anchored.indexOf('['))}\``;
    else if (/Unterminated group/.test(js))
      go = `missing closing ): \`${anchored}\``;
    else if (/Unmatched '\)'/.test(js)) go = `unexpected ): \`${anchored}\``;
    else if (/Nothing to repeat/.test(js))
      go = `missing argument to repetition operator: \`${
        /[*+?]/.exec(value)?.[0] ?? '*'
      }\``;
    else go = `invalid regular expression: \`${value}\``;
    return { error: `error parsing regexp: ${go}` };
  }
}
