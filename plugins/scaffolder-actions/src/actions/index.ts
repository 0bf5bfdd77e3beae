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

import { createArgoCdAppAction } from './argocd/createArgoCdAppAction';
import { createCertificateAction } from './certificate/createCertificateAction';
import { createClusterAction } from './cluster/createClusterAction';
import { scaleClusterAction } from './cluster/scaleClusterAction';
import { upgradeClusterAction } from './cluster/upgradeClusterAction';
import { createHttpRouteAction } from './httproute/createHttpRouteAction';
import { createNamespaceAction } from './namespace/createNamespaceAction';
import { PlatformActionOptions } from './teamAction';
import { createVolumeAction } from './volume/createVolumeAction';

/** Every platform action, sharing the same clusters, config and guards. */
export function createPlatformActions(options: PlatformActionOptions) {
  return [
    createNamespaceAction(options),
    createHttpRouteAction(options),
    createCertificateAction(options),
    createVolumeAction(options),
    createArgoCdAppAction(options),
    createClusterAction(options),
    scaleClusterAction(options),
    upgradeClusterAction(options),
  ];
}
