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
 * Matches decoded path segments against a pattern such as
 * `/projects/:id/pipelines`. A trailing `*name` captures the rest, joined by
 * '/'. Returns the captured parameters, or undefined when it does not match.
 */
export function matchRoute(pattern: string, segments: string[]): Record<string, string> | undefined {
  const parts = pattern.split('/').filter(p => p.length > 0);
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part.startsWith('*')) {
      if (i >= segments.length) return undefined;
      params[part.slice(1)] = segments.slice(i).join('/');
      return params;
    }
    if (i >= segments.length) return undefined;
    if (part.startsWith(':')) {
      params[part.slice(1)] = segments[i];
    } else if (part !== segments[i]) {
      return undefined;
    }
  }
  return parts.length === segments.length ? params : undefined;
}

export interface Route<S> {
  method: string;
  pattern: string;
  handle: (scope: S, params: Record<string, string>) => void | Promise<void>;
}

/** Finds the first route whose method and pattern match; reports whether the path exists for another method. */
export function findRoute<S>(
  routes: Route<S>[],
  method: string,
  segments: string[],
): { route: Route<S>; params: Record<string, string> } | { pathExists: boolean } {
  let pathExists = false;
  for (const route of routes) {
    const params = matchRoute(route.pattern, segments);
    if (!params) continue;
    if (route.method === method || (method === 'HEAD' && route.method === 'GET')) {
      return { route, params };
    }
    pathExists = true;
  }
  return { pathExists };
}
