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
 * How a template's form fields reach its actions: for each action input
 * path (`rules[0].backends[0].port`) the form parameters its expression
 * reads, and each parameter's title.
 */
export interface FormFieldNames {
  inputs: Map<string, Set<string>>;
  titles: Map<string, string>;
}

const PARAMETER = /\$\{\{\s*parameters\.([A-Za-z_][\w-]*)/g;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function collectInputs(
  value: unknown,
  path: string,
  into: Map<string, Set<string>>,
) {
  if (typeof value === 'string') {
    for (const [, parameter] of value.matchAll(PARAMETER)) {
      const names = into.get(path) ?? new Set<string>();
      names.add(parameter);
      into.set(path, names);
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => collectInputs(item, `${path}[${i}]`, into));
  } else if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) {
      collectInputs(item, path ? `${path}.${key}` : key, into);
    }
  }
}

/** The form fields of a Template entity's `spec`, read from its steps' input expressions. */
export function formFieldNamesOf(spec: unknown): FormFieldNames {
  const inputs = new Map<string, Set<string>>();
  const titles = new Map<string, string>();
  if (!isRecord(spec)) return { inputs, titles };
  const steps = Array.isArray(spec.steps) ? spec.steps : [];
  for (const step of steps) {
    if (isRecord(step)) collectInputs(step.input, '', inputs);
  }
  const pages = Array.isArray(spec.parameters)
    ? spec.parameters
    : [spec.parameters];
  for (const page of pages) {
    if (!isRecord(page) || !isRecord(page.properties)) continue;
    for (const [name, property] of Object.entries(page.properties)) {
      if (isRecord(property) && typeof property.title === 'string') {
        titles.set(name, property.title);
      }
    }
  }
  return { inputs, titles };
}

/**
 * The one form parameter an action input path comes from: its own
 * expression's, or for a whole list or object (`hostnames`) the one all its
 * parts come from. Undefined when none or several do.
 */
export function formFieldOf(
  path: string,
  names: FormFieldNames,
): string | undefined {
  const found = new Set<string>();
  for (const [input, parameters] of names.inputs) {
    if (
      input === path ||
      input.startsWith(`${path}[`) ||
      input.startsWith(`${path}.`)
    ) {
      parameters.forEach(p => found.add(p));
    }
  }
  return found.size === 1 ? [...found][0] : undefined;
}

// The validators' `<input path>: <problem>`; the scaffolder's own schema
// errors may put `input.` or `instance.` before the path.
const FIELD_FIRST =
  /^(?:input\.|instance\.)?([A-Za-z_][\w-]*(?:\[\d+\]|\.[A-Za-z_][\w-]*)*): /;

/**
 * A message that names an action input, reworded to name the form field
 * the person filled (`Service port: …` for `rules[0].backends[0].port: …`).
 * Any other message is returned as it is.
 */
export function inFormTerms(message: string, names: FormFieldNames): string {
  const match = FIELD_FIRST.exec(message);
  if (!match) return message;
  const parameter = formFieldOf(match[1], names);
  if (!parameter) return message;
  const title = names.titles.get(parameter) ?? parameter;
  return `${title}: ${message.slice(match[0].length)}`;
}
