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

import { createHmac } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import { SimClock } from '../../control/SimClock';
import { bearerToken, sameSecret } from '../shared/auth';
import { SandboxCredentials } from '../types';

const SESSION_TTL_SECONDS = 24 * 3600;

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

/**
 * What a caller may do, as Argo CD's built-in roles grant it: `role:admin`
 * everything, `role:readonly` get on every resource and nothing else.
 */
export type ArgoRole = 'admin' | 'readonly';

export interface ArgoSubject {
  username: string;
  role: ArgoRole;
  /** The JWT `sub` claim, which Argo CD names in its permission-denied messages. */
  sub: string;
  /** When the token was issued, for the same messages. */
  issuedAt: Date;
}

export type SessionCheck = ({ ok: true } & ArgoSubject) | { ok: false; message: string };

/**
 * Argo CD sessions: `POST /api/v1/session` signs a JWT for the local admin;
 * the static API tokens of the `admin` and `readonly` accounts are accepted
 * as well.
 */
export class ArgoSessions {
  private readonly secret: string;
  /** API tokens are issued once, when the sandbox starts. */
  private readonly apiTokensIssuedAt: Date;

  constructor(
    private readonly credentials: SandboxCredentials,
    private readonly clock: SimClock,
  ) {
    this.secret = `argocd-sandbox:${credentials.argocdPassword}`;
    this.apiTokensIssuedAt = new Date(Math.floor(clock.now().getTime() / 1000) * 1000);
  }

  login(username: unknown, password: unknown): string | undefined {
    if (username !== this.credentials.argocdUsername || typeof password !== 'string') return undefined;
    if (!sameSecret(password, this.credentials.argocdPassword)) return undefined;
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const payload = base64url(
      JSON.stringify({ iss: 'argocd', sub: `${username}:login`, nbf: iat, iat, exp: iat + SESSION_TTL_SECONDS, jti: `${iat}` }),
    );
    return `${header}.${payload}.${this.sign(`${header}.${payload}`)}`;
  }

  /** Reads the token from `Authorization: Bearer` or the `argocd.token` cookie. */
  tokenOf(req: IncomingMessage): string | undefined {
    const bearer = bearerToken(req);
    if (bearer) return bearer;
    const cookie = req.headers.cookie ?? '';
    const match = /(?:^|;\s*)argocd\.token=([^;]+)/.exec(cookie);
    return match ? decodeURIComponent(match[1]) : undefined;
  }

  check(token: string): SessionCheck {
    if (sameSecret(token, this.credentials.argocdToken)) {
      const username = this.credentials.argocdUsername;
      return { ok: true, username, role: 'admin', sub: `${username}:apiKey`, issuedAt: this.apiTokensIssuedAt };
    }
    if (sameSecret(token, this.credentials.argocdReadOnlyToken)) {
      return { ok: true, username: 'readonly', role: 'readonly', sub: 'readonly:apiKey', issuedAt: this.apiTokensIssuedAt };
    }
    const parts = token.split('.');
    if (parts.length !== 3) {
      return { ok: false, message: 'invalid session: token contains an invalid number of segments' };
    }
    if (!sameSecret(parts[2], this.sign(`${parts[0]}.${parts[1]}`))) {
      return { ok: false, message: 'invalid session: token signature is invalid' };
    }
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as { exp: number; iat: number; sub: string };
    if (claims.exp * 1000 <= this.clock.now().getTime()) {
      return { ok: false, message: 'invalid session: token has invalid claims: token is expired' };
    }
    return { ok: true, username: claims.sub.split(':')[0], role: 'admin', sub: claims.sub, issuedAt: new Date(claims.iat * 1000) };
  }

  private sign(data: string): string {
    return createHmac('sha256', this.secret).update(data).digest('base64url');
  }
}
