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

import { Server } from 'node:http';

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/**
 * Every route mounted anywhere in a test backend's express app, as
 * `METHOD /path` with express's `:param` placeholders, read from the
 * router stacks so a route registered outside the OpenAPI spec shows too.
 */
export function mountedRoutes(server: Server): string[] {
  const app = server.listeners('request')[0] as any;
  const root: Layer[] = (app._router ?? app.router)?.stack ?? [];
  const routes = new Set<string>();
  const visit = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = [layer.route.path].flat();
        for (const method of Object.keys(layer.route.methods)) {
          for (const path of paths) {
            routes.add(`${method.toUpperCase()} ${path}`);
          }
        }
      } else if (layer.handle?.stack) {
        visit(layer.handle.stack);
      }
    }
  };
  visit(root);
  return [...routes].sort();
}
