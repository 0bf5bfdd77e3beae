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
 * Types and constants shared by the platform frontend and backend plugins.
 *
 * @packageDocumentation
 */

export * from './layers';
export * from './health';
export * from './causes';
export * from './annotations';
export * from './permissions';
export * from './api';
export * from './labels';
export * from './runbooks';
export * from './runbookVariants';
export * from './remediation';
export * from './grafanaUrls';
export * from './entity';
export * from './entityArgocd';
export * from './entityNexus';
export * from './entityGitLab';
export * from './entityGrafana';
export * from './backups';
export * from './buildOut';
export * from './certificates';
export * from './notificationMutes';
export * from './readiness';
export * from './sizing';
export * from './upgrades';
export * from './diagnostics';
export * from './delivery';
export * from './workloads';
export * from './selfService';
export * from './client';
export * from './healthSignal';
