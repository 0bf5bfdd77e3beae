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

import { isIP } from 'node:net';
import { connect } from 'node:tls';
import { UpstreamTls } from '../clients/http/upstreamAgents';

/** The certificate an API server presented in its TLS handshake. */
export interface ServingCertificate {
  subject: string;
  issuer: string;
  /** ISO 8601. */
  notBefore: string;
  /** ISO 8601. */
  notAfter: string;
}

/**
 * Opens a TLS connection to the API endpoint with the same trust the
 * portal's Kubernetes client uses (the cluster's own CA, or none when
 * skipTLSVerify is set) and reads the certificate it presents; undefined for
 * a plain-HTTP endpoint, which has none. Fails after `timeoutMs`.
 */
export function readServingCertificate(
  url: string,
  tls: UpstreamTls,
  timeoutMs: number,
): Promise<ServingCertificate | undefined> {
  const target = new URL(url);
  if (target.protocol !== 'https:') return Promise.resolve(undefined);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve, reject) => {
    const socket = connect({
      host,
      port: Number(target.port || 443),
      // SNI carries names only, never addresses.
      ...(isIP(host) ? {} : { servername: host }),
      ...(tls.caData ? { ca: tls.caData } : {}),
      rejectUnauthorized: !tls.skipTLSVerify,
    });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new Error(
          `no TLS handshake with ${target.host} within ${timeoutMs} ms`,
        ),
      );
    }, timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const peer = socket.getPeerCertificate();
      socket.end();
      if (!peer?.valid_to) {
        reject(new Error(`${target.host} presented no certificate`));
        return;
      }
      resolve({
        subject: [peer.subject?.CN ?? ''].flat().join(', '),
        issuer: [peer.issuer?.CN ?? ''].flat().join(', '),
        notBefore: new Date(peer.valid_from).toISOString(),
        notAfter: new Date(peer.valid_to).toISOString(),
      });
    });
    socket.once('error', error => {
      clearTimeout(timer);
      socket.destroy();
      reject(
        new Error(`TLS handshake with ${target.host} failed: ${error.message}`),
      );
    });
  });
}
