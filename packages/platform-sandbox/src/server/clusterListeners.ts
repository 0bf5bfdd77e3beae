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

import { createServer as createHttpServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo, createServer, Server, Socket } from 'node:net';
import { createSecureContext, SecureContext, TLSSocket } from 'node:tls';
import { ClusterCertificates, clusterCertificateIssuer } from './clusterCertificates';

/*
 * One HTTPS listener per simulated cluster on loopback, each presenting a
 * certificate signed by that cluster's own CA, as every real API server
 * does. Certificates are issued on first use (a URL is all most of a 1,000
 * cluster fleet is ever asked for), and a few listeners stand ready so a
 * cluster the Cluster API declares gets its URL at once. The listeners are
 * plain TCP servers that start TLS themselves and hand the socket to one
 * HTTP server: an https.Server each would cost a TLS context per cluster at
 * start-up, half a second for 1,000.
 */

type ClusterHandler = (cluster: string, req: IncomingMessage, res: ServerResponse) => void;

interface Listener {
  server: Server;
  port: number;
  sockets: Set<Socket>;
  cluster?: string;
}

/** Listeners kept bound and waiting for a declared cluster. */
const SPARE_LISTENERS = 4;

export class ClusterListeners {
  private readonly byCluster = new Map<string, Listener>();
  private readonly spares: Listener[] = [];
  private readonly certificatesOf = new Map<string, ClusterCertificates>();
  private readonly issue = clusterCertificateIssuer();
  private readonly contexts = new Map<string, SecureContext>();
  private readonly clusterOf = new WeakMap<Socket, string>();
  private readonly http = createHttpServer((req, res) => {
    const cluster = this.clusterOf.get(req.socket);
    if (cluster) this.handler(cluster, req, res);
    else res.writeHead(404).end();
  });
  private replenishing?: Promise<void>;
  private closed = false;

  constructor(
    private readonly host: string,
    private readonly handler: ClusterHandler,
  ) {}

  /** Binds a listener for each cluster and the spares. */
  async start(clusters: string[]): Promise<void> {
    const listeners = await Promise.all([...clusters, ...Array(SPARE_LISTENERS).fill('')].map(() => this.bind()));
    clusters.forEach((cluster, i) => this.assign(cluster, listeners[i]));
    this.spares.push(...listeners.slice(clusters.length));
  }

  /** The cluster's HTTPS port; a cluster seen for the first time takes a spare listener. */
  port(cluster: string): number {
    const existing = this.byCluster.get(cluster);
    if (existing) return existing.port;
    const spare = this.spares.shift();
    if (!spare) throw new Error(`no HTTPS listener left for cluster "${cluster}"`);
    this.assign(cluster, spare);
    this.replenish();
    return spare.port;
  }

  /** The cluster's CA and serving certificate, issued on first use. */
  certificates(cluster: string): ClusterCertificates {
    let issued = this.certificatesOf.get(cluster);
    if (!issued) {
      issued = this.issue(cluster);
      this.certificatesOf.set(cluster, issued);
    }
    return issued;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.replenishing;
    const all = [...this.byCluster.values(), ...this.spares];
    await Promise.all(
      all.map(
        l =>
          new Promise<void>(resolve => {
            for (const socket of l.sockets) socket.destroy();
            l.server.close(() => resolve());
          }),
      ),
    );
  }

  private assign(cluster: string, listener: Listener): void {
    listener.cluster = cluster;
    this.byCluster.set(cluster, listener);
  }

  private replenish(): void {
    if (this.replenishing || this.closed) return;
    this.replenishing = (async () => {
      while (!this.closed && this.spares.length < SPARE_LISTENERS) this.spares.push(await this.bind());
    })().finally(() => {
      this.replenishing = undefined;
    });
  }

  private context(cluster: string): SecureContext {
    let context = this.contexts.get(cluster);
    if (!context) {
      const { cert, key } = this.certificates(cluster);
      context = createSecureContext({ cert, key });
      this.contexts.set(cluster, context);
    }
    return context;
  }

  private bind(): Promise<Listener> {
    const sockets = new Set<Socket>();
    const listener: Listener = { server: createServer(), port: 0, sockets };
    const server = listener.server;
    server.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      const cluster = listener.cluster;
      if (!cluster) {
        socket.destroy();
        return;
      }
      const tls = new TLSSocket(socket, { isServer: true, secureContext: this.context(cluster), ALPNProtocols: ['http/1.1'] });
      // A client that refuses the certificate ends the handshake; nothing to answer.
      tls.on('error', () => tls.destroy());
      tls.once('secure', () => {
        this.clusterOf.set(tls, cluster);
        this.http.emit('connection', tls);
      });
    });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, this.host, () => {
        server.off('error', reject);
        listener.port = (server.address() as AddressInfo).port;
        resolve(listener);
      });
    });
  }
}
