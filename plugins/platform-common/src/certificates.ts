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
 * One certificate of the fleet and how long it has left.
 *
 * @public
 */
export interface FleetCertificate {
  cluster: string;
  /**
   * `apiserver`: the API server's serving certificate; `cert-manager`: a
   * Certificate object; `cluster-api-machine`: a control-plane Machine's
   * certificates, from its status on the management cluster.
   */
  source: 'apiserver' | 'cert-manager' | 'cluster-api-machine';
  /** `kube-apiserver`, the Certificate's name, or the Machine's name. */
  name: string;
  namespace?: string;
  /** ISO 8601; absent while a Certificate was never issued. */
  notAfter?: string;
  /** Whole days until notAfter (negative once expired). */
  daysLeft?: number;
  /** ISO 8601 time cert-manager renews at. */
  renewalTime?: string;
  /** cert-manager's Ready condition. */
  ready?: boolean;
  /** Whether renewal is on track: false once renewal time passed or issuance failed. */
  renewing?: boolean;
  /** cert-manager's latest failed issuance. */
  lastFailure?: { time?: string; message: string };
  /** The management cluster that holds a Cluster API Machine. */
  managementCluster?: string;
  /** The KubeadmControlPlane that owns a Cluster API Machine. */
  controlPlane?: string;
  /** The KubeadmControlPlane's certificatesExpiryDays: it replaces a machine this many days before its certificates expire. */
  rolloutBeforeDays?: number;
  /** Why the certificate needs a person, and the runbook's steps. */
  finding?: FleetCertificateFinding;
}

/**
 * A certificate close to expiry that nothing will renew.
 *
 * @public
 */
export interface FleetCertificateFinding {
  message: string;
  runbook: string[];
}

/**
 * `GET /certificates`: soonest expiry first, and the clusters that could not
 * be read.
 *
 * @public
 */
export interface FleetCertificatesResponse {
  observedAt: string;
  certificates: FleetCertificate[];
  errors: Array<{ cluster: string; message: string }>;
  /** Certificates no Kubernetes API exposes, per cluster, and where to read them. */
  notReadable: FleetCertificateNotReadable[];
}

/**
 * Certificates of a cluster that live only on its nodes (kubeadm's client
 * and control-plane certificates under /etc/kubernetes/pki), so the portal
 * shows the command that reads them rather than a guess.
 *
 * @public
 */
export interface FleetCertificateNotReadable {
  cluster: string;
  /** Which certificates, e.g. kubeadm's client and control-plane certificates. */
  certificates: string;
  reason: string;
  /** Run on a control-plane node. */
  command: string;
}
