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

// What a self-service write consists of and how it is checked, shared by the
// scaffolder actions that write and the platform backend that previews.
export * from './validation';
export * from './config/readSelfServiceLimits';
export * from './kube/ClusterObjects';
export { KubeTransportError } from './kube/boundedHttpLibrary';
export * from './kube/kubeErrors';
export * from './kube/requireBackendServices';
export * from './kube/requireHostnamesFree';
export * from './kube/teamNamespace';
export * from './manifests/teamTarget';
export * from './manifests/namespaceRequest';
export * from './manifests/namespaceManifests';
export * from './manifests/httpRouteRequest';
export * from './manifests/httpRouteManifest';
export * from './manifests/certificateManifest';
export * from './manifests/volumeManifest';
