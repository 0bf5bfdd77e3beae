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
 * What suites of other packages use to run the platform backend against the
 * sandbox: the upstream sandbox and its control API, the backend's config for
 * it, a scheduler whose refreshes a test triggers, and the test databases.
 *
 * @packageDocumentation
 */

export { captureScheduler } from './captureScheduler';
export { sandboxControl } from './sandboxControl';
export {
  ALERT_WEBHOOK_SECRET,
  sandboxPlatformConfig,
} from './sandboxPlatformConfig';
export { startUpstreamSandbox } from './startUpstreamSandbox';
export { platformTestDatabases } from './testDatabases';
