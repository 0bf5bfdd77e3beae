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

import { ControlState } from '../../control/ControlState';
import type { ArgoCdCluster } from './ArgoCdCluster';

/**
 * The Argo CD instances of one sandbox, keyed by its control state, so that
 * other simulators (Prometheus's `argocd_app_info`) report what Argo CD
 * itself reports after syncs and rollbacks.
 */
const instancesBySandbox = new WeakMap<ControlState, Map<string, ArgoCdCluster>>();

export function registerArgoInstances(control: ControlState, instances: Map<string, ArgoCdCluster>): void {
  instancesBySandbox.set(control, instances);
}

export function argoInstance(control: ControlState, cluster: string): ArgoCdCluster | undefined {
  return instancesBySandbox.get(control)?.get(cluster);
}
