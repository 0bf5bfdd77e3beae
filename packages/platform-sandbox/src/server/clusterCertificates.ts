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

import { generateKeyPairSync, KeyObject, randomBytes, sign } from 'node:crypto';

/*
 * A CA per simulated cluster, as kubeadm makes one per real cluster, and a
 * serving certificate for 127.0.0.1 signed by it; made with node:crypto
 * alone (DER written by hand). Every serving certificate carries one shared
 * key pair, so a cluster costs one CA key pair and two signatures: a fleet
 * of 1,000 starts in about a second. The CA keys stay distinct, so one
 * cluster's CA never verifies another cluster's API server.
 */

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), length(content.length), content]);
}

const seq = (...parts: Buffer[]) => tlv(0x30, Buffer.concat(parts));
const set = (...parts: Buffer[]) => tlv(0x31, Buffer.concat(parts));
const explicit = (n: number, content: Buffer) => tlv(0xa0 + n, content);

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const bytes = [a * 40 + b];
  for (const value of rest) {
    const chunk: number[] = [value & 0x7f];
    for (let v = value >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

function integer(bytes: Buffer): Buffer {
  return tlv(0x02, bytes[0] & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
}

function utcTime(date: Date): Buffer {
  const iso = date.toISOString();
  const text = `${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  return tlv(0x17, Buffer.from(text, 'ascii'));
}

function name(commonName: string): Buffer {
  return seq(set(seq(oid('2.5.4.3'), tlv(0x0c, Buffer.from(commonName, 'utf8')))));
}

function pem(label: string, der: Buffer): string {
  const body = der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

const ecdsaWithSha256 = seq(oid('1.2.840.10045.4.3.2'));
const critical = tlv(0x01, Buffer.from([0xff]));

function extension(id: string, value: Buffer, isCritical = false): Buffer {
  return seq(oid(id), ...(isCritical ? [critical] : []), tlv(0x04, value));
}

function serialNumber(): Buffer {
  const serial = randomBytes(16);
  // Positive and minimal in DER: a leading zero byte would be illegal padding.
  serial[0] = serial[0] & 0x7f || 0x01;
  return integer(serial);
}

function certificate(subject: string, issuer: string, publicKey: KeyObject, signer: KeyObject, extensions: Buffer[]): string {
  const notBefore = new Date(Date.now() - 60_000);
  const notAfter = new Date(notBefore.getTime() + 365 * 24 * 3600_000);
  const tbs = seq(
    explicit(0, integer(Buffer.from([2]))),
    serialNumber(),
    ecdsaWithSha256,
    name(issuer),
    seq(utcTime(notBefore), utcTime(notAfter)),
    name(subject),
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, seq(...extensions)),
  );
  const signature = sign('sha256', tbs, signer);
  return pem('CERTIFICATE', seq(tbs, ecdsaWithSha256, tlv(0x03, Buffer.concat([Buffer.from([0]), signature]))));
}

const newKeyPair = () => generateKeyPairSync('ec', { namedCurve: 'prime256v1' });

export interface ClusterCertificates {
  /** PEM of the cluster's CA certificate: the kubeconfig's certificate-authority-data, the portal's caData. */
  ca: string;
  /** PEM of the API server's certificate (127.0.0.1, localhost), signed by the CA. */
  cert: string;
  /** PEM of the serving key (shared by every cluster of the sandbox). */
  key: string;
}

/** Issues each cluster its CA and serving certificate; one serving key pair per issuer. */
export function clusterCertificateIssuer(): (cluster: string) => ClusterCertificates {
  const serving = newKeyPair();
  const key = serving.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return cluster => {
    const ca = newKeyPair();
    const caName = `${cluster}-ca`;
    const caCert = certificate(caName, caName, ca.publicKey, ca.privateKey, [
      extension('2.5.29.19', seq(tlv(0x01, Buffer.from([0xff]))), true),
      // keyUsage: digitalSignature, keyCertSign
      extension('2.5.29.15', tlv(0x03, Buffer.from([0x02, 0x84])), true),
    ]);
    const servingCert = certificate('kube-apiserver', caName, serving.publicKey, ca.privateKey, [
      extension('2.5.29.19', seq(), true),
      // keyUsage: digitalSignature
      extension('2.5.29.15', tlv(0x03, Buffer.from([0x07, 0x80])), true),
      // extKeyUsage: serverAuth
      extension('2.5.29.37', seq(oid('1.3.6.1.5.5.7.3.1'))),
      extension('2.5.29.17', seq(tlv(0x87, Buffer.from([127, 0, 0, 1])), tlv(0x82, Buffer.from('localhost', 'ascii')))),
    ]);
    return { ca: caCert, cert: servingCert, key };
  };
}
