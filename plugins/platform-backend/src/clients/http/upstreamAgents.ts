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

import { createHash } from 'node:crypto';
import { Agent } from 'undici';

/** How to trust an upstream's certificate, from that upstream's own config. */
export interface UpstreamTls {
  /** PEM of the CA(s) that signed the server's certificate; replaces the system roots. */
  caData?: string;
  /** Do not verify the server's certificate at all. */
  skipTLSVerify?: boolean;
}

/**
 * Connections to upstreams are kept alive, at most 64 to one origin (the
 * refresh's cap on requests in flight), and an idle one is closed after a
 * few seconds, so the portal holds a bounded number of sockets at rest.
 */
const POOL = {
  connections: 64,
  keepAliveTimeout: 4_000,
  keepAliveMaxTimeout: 10_000,
} as const;

const defaultAgent = new Agent(POOL);

/**
 * One agent per distinct TLS setting, not per cluster: clusters sharing a CA
 * share a pool, and a cluster's CA never widens what another cluster trusts.
 */
const tlsAgents = new Map<string, Agent>();

export function upstreamAgent(tls?: UpstreamTls): Agent {
  if (!tls?.caData && !tls?.skipTLSVerify) {
    return defaultAgent;
  }
  const key = `${tls.skipTLSVerify ? 'no-verify' : 'verify'}:${createHash(
    'sha256',
  )
    .update(tls.caData ?? '')
    .digest('hex')}`;
  let agent = tlsAgents.get(key);
  if (!agent) {
    agent = new Agent({
      ...POOL,
      connect: {
        ...(tls.caData ? { ca: tls.caData } : {}),
        rejectUnauthorized: !tls.skipTLSVerify,
      },
    });
    tlsAgents.set(key, agent);
  }
  return agent;
}

/**
 * Watches hold their connection for minutes: they get pools of their own
 * (per TLS setting, as above), bounded by the watch budget rather than by the
 * request pool, so open watches never queue the refresh's requests. The body
 * timeout is off: the informer's idle timeout ends a silent stream.
 */
const watchAgents = new Map<string, Agent>();

export function upstreamWatchAgent(tls?: UpstreamTls): Agent {
  const key = `${tls?.skipTLSVerify ? 'no-verify' : 'verify'}:${createHash(
    'sha256',
  )
    .update(tls?.caData ?? '')
    .digest('hex')}`;
  let agent = watchAgents.get(key);
  if (!agent) {
    agent = new Agent({
      keepAliveTimeout: POOL.keepAliveTimeout,
      keepAliveMaxTimeout: POOL.keepAliveMaxTimeout,
      bodyTimeout: 0,
      connect: {
        ...(tls?.caData ? { ca: tls.caData } : {}),
        rejectUnauthorized: !tls?.skipTLSVerify,
      },
    });
    watchAgents.set(key, agent);
  }
  return agent;
}

/** Node's codes for a certificate the client does not accept. */
const CERTIFICATE_ERRORS = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
]);

export function isCertificateError(code: string | undefined): boolean {
  return code !== undefined && CERTIFICATE_ERRORS.has(code);
}
