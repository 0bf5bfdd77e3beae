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
} from '@backstage/backend-plugin-api';
import { AppConfig, ConfigReader } from '@backstage/config';
import { loadConfig } from '@backstage/config-loader';
import path from 'node:path';

/** The repository root, where the app-config files live. */
export const REPO_ROOT = path.resolve(__dirname, '../../../..');

/**
 * The root config of a production deployment: app-config.yaml followed by
 * app-config.production.yaml with `env` as the environment, on an in-memory
 * database, then `overrides` for what else a test must point elsewhere.
 */
export async function productionConfig(
  env: Record<string, string>,
  overrides: AppConfig['data'] = {},
) {
  const { appConfigs } = await loadConfig({
    configRoot: REPO_ROOT,
    configTargets: [
      { path: path.join(REPO_ROOT, 'app-config.yaml') },
      { path: path.join(REPO_ROOT, 'app-config.production.yaml') },
    ],
    experimentalEnvFunc: async name => env[name],
  });
  const config = ConfigReader.fromConfigs([
    ...appConfigs,
    {
      context: 'test',
      data: {
        backend: {
          database: { client: 'better-sqlite3', connection: ':memory:' },
        },
      },
    },
    { context: 'test', data: overrides },
  ]);
  return {
    appConfigs,
    config,
    factory: createServiceFactory({
      service: coreServices.rootConfig,
      deps: {},
      factory: () => config,
    }),
  };
}
