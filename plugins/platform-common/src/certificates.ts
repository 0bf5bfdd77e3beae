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

import type * as Api from './schema/openapi/generated/models';

/**
 * One certificate of the fleet and how long it has left: the API server's
 * serving certificate, a cert-manager Certificate, or a Cluster API
 * control-plane Machine's certificates.
 *
 * @public
 */
export type FleetCertificate = Api.FleetCertificate;

/**
 * A certificate close to expiry that nothing will renew.
 *
 * @public
 */
export type FleetCertificateFinding = Api.FleetCertificateFinding;

/**
 * `GET /certificates`: soonest expiry first, and the clusters that could not
 * be read.
 *
 * @public
 */
export type FleetCertificatesResponse = Api.FleetCertificates;

/**
 * Certificates of a cluster that live only on its nodes (kubeadm's client
 * and control-plane certificates under /etc/kubernetes/pki), so the portal
 * shows the command that reads them rather than a guess.
 *
 * @public
 */
export type FleetCertificateNotReadable = Api.FleetCertificateNotReadable;
