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
 * What suites of other packages use to run the platform's scaffolder actions
 * against the sandbox, as the scaffolder runs them: their options, an action
 * context for a user, and readers of what the actions wrote.
 *
 * @packageDocumentation
 */

export {
  actionSetup,
  contextFor,
  NOTHING_BLOCKS_UPGRADES,
  revisionOf,
  templateFrom,
  userOf,
  whileTicking,
} from './sandboxSupport';
export type { ActionTestSetup } from './sandboxSupport';
export type { SelfServiceConfig } from '../config/readSelfServiceConfig';
export type { UpgradeReadiness } from '../upgrades/UpgradeReadiness';
