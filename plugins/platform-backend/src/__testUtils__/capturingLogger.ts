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

import {
  coreServices,
  createServiceFactory,
  LoggerService,
  RootLoggerService,
} from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { inspect } from 'node:util';

/**
 * A root logger that keeps every line in memory, with its fields and the
 * full inspection of any error or object logged with it (more than a
 * production formatter prints), so a test can search everything logged.
 */
export class CapturingLogger implements RootLoggerService {
  constructor(
    readonly lines: string[] = [],
    private readonly fields: JsonObject = {},
  ) {}

  error(message: string, meta?: Error | JsonObject) {
    this.record('error', message, meta);
  }
  warn(message: string, meta?: Error | JsonObject) {
    this.record('warn', message, meta);
  }
  info(message: string, meta?: Error | JsonObject) {
    this.record('info', message, meta);
  }
  debug(message: string, meta?: Error | JsonObject) {
    this.record('debug', message, meta);
  }

  child(meta: JsonObject): LoggerService {
    return new CapturingLogger(this.lines, { ...this.fields, ...meta });
  }

  private record(level: string, message: string, meta?: unknown) {
    this.lines.push(
      `${level} ${message} ${inspect(
        { ...this.fields, meta },
        { depth: 10, breakLength: Infinity, maxStringLength: Infinity },
      )}`,
    );
  }
}

/** Service factories that send the root logger and every plugin's logger into `root`. */
export function capturingLoggerFactories(root: CapturingLogger) {
  return [
    createServiceFactory({
      service: coreServices.rootLogger,
      deps: {},
      factory: () => root,
    }),
    createServiceFactory({
      service: coreServices.logger,
      deps: { plugin: coreServices.pluginMetadata },
      factory: ({ plugin }) => root.child({ plugin: plugin.getId() }),
    }),
  ];
}
