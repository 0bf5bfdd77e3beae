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

import { Manifest } from '../kube/ClusterObjects';
import {
  orDefault,
  requireDnsLabel,
  requireHostnames,
  requireOneOf,
} from '../validation';
import { ownerLabels } from './namespaceManifests';
import { parseTeamTarget, TeamTarget } from './teamTarget';

/**
 * A validated request for a cert-manager Certificate.
 *
 * @public
 */
export interface CertificateRequest extends TeamTarget {
  name: string;
  dnsNames: string[];
  issuer: string;
  /** The HTTPRoute whose hostnames must cover the DNS names. */
  routeName?: string;
  /** Where cert-manager writes the key pair. */
  secretName: string;
}

/**
 * Validates a certificate request against the platform's domains and issuers.
 *
 * @public
 */
export function parseCertificateRequest(
  input: Record<string, unknown>,
  limits: { allowedDomains: readonly string[]; issuers: readonly string[] },
): CertificateRequest {
  const target = parseTeamTarget(input);
  const name = requireDnsLabel('name', input.name);
  return {
    ...target,
    name,
    dnsNames: requireHostnames(
      'dnsNames',
      input.dnsNames,
      limits.allowedDomains,
    ),
    issuer: requireOneOf(
      'issuer',
      orDefault(input.issuer, limits.issuers[0]),
      limits.issuers,
    ),
    routeName:
      input.routeName === undefined
        ? undefined
        : requireDnsLabel('routeName', input.routeName),
    secretName: `${name}-tls`,
  };
}

/**
 * The DNS names a route's hostnames leave uncovered.
 *
 * @public
 */
export function uncoveredDnsNames(
  dnsNames: string[],
  routeHostnames: string[],
): string[] {
  return dnsNames.filter(n => !routeHostnames.includes(n));
}

/** @public */
export function certificateManifest(request: CertificateRequest): Manifest {
  return {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: {
      name: request.name,
      namespace: request.namespace,
      labels: ownerLabels(request.team),
    },
    spec: {
      secretName: request.secretName,
      dnsNames: request.dnsNames,
      issuerRef: {
        group: 'cert-manager.io',
        kind: 'ClusterIssuer',
        name: request.issuer,
      },
    },
  } as Manifest;
}
