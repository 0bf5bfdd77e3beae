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

/** One step of a runbook, with the commands it runs. @public */
export interface RunbookStep {
  text: string;
  commands: string[];
}

/**
 * A runbook from the platform guide's operational runbooks, so the portal can
 * show the steps next to the failing check instead of linking away.
 *
 * @public
 */
export interface Runbook {
  id: string;
  title: string;
  steps: RunbookStep[];
}
