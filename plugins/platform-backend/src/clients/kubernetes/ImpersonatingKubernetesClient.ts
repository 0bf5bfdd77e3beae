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

import { request as undiciRequest } from 'undici';
import { KubernetesPerson } from '@platform-portal/plugin-platform-node';
import { ConfiguredCluster } from '../../config/readPlatformConfig';
import { isCertificateError, upstreamAgent } from '../http/upstreamAgents';
import { toBackstageError } from '../resilience/toBackstageError';
import { UpstreamFailure } from '../resilience/UpstreamFailure';
import { UpstreamPolicies } from '../resilience/UpstreamPolicies';
import { UpstreamTarget } from '../resilience/UpstreamTarget';

/** What a person asks to do, as a SelfSubjectAccessReview's resourceAttributes. */
export interface KubernetesAccessQuestion {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

/** An answer of the API server, whatever its status: refusals are data here. */
export interface KubernetesAnswer {
  status: number;
  body: any;
}

/**
 * One cluster's API called on behalf of a signed-in person: the portal's
 * token authenticates, `Impersonate-User` and one `Impersonate-Group` line per
 * group make the API server decide with the person's own RBAC. Each group
 * goes on a line of its own, since a real API server takes a line whole
 * (fetch would join them with commas into one group name).
 */
export class ImpersonatingKubernetesClient {
  private readonly target: UpstreamTarget;

  constructor(
    private readonly cluster: Pick<ConfiguredCluster, 'name' | 'kubernetes'>,
    private readonly policies: UpstreamPolicies,
    /** Where the cluster is configured, e.g. `platform.clusters[0]`. */
    readonly configKey: string,
  ) {
    this.target = {
      upstream: 'Kubernetes API',
      cluster: cluster.name,
      hint: `${configKey}.kubernetes.url and ${configKey}.kubernetes.token`,
      tlsHint: `${configKey}.kubernetes.caData and ${configKey}.kubernetes.url`,
      secrets: cluster.kubernetes.token ? [cluster.kubernetes.token] : [],
    };
  }

  get clusterName(): string {
    return this.cluster.name;
  }

  /** Whether the API server lets the person do this (a SelfSubjectAccessReview made as them). */
  async allowed(
    person: KubernetesPerson,
    question: KubernetesAccessQuestion,
    signal?: AbortSignal,
  ): Promise<boolean> {
    const answer = await this.request(
      person,
      {
        method: 'POST',
        path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
        body: {
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectAccessReview',
          spec: { resourceAttributes: question },
        },
        // A review changes nothing, so it may be asked again.
        idempotent: true,
      },
      signal,
    );
    if (answer.status !== 201 && answer.status !== 200) {
      throw toBackstageError(
        new UpstreamFailure({
          kind: 'status',
          status: answer.status,
          message: `access review answered HTTP ${answer.status}: ${
            answer.body?.message ?? ''
          }`,
        }),
        this.target,
      );
    }
    return answer.body?.status?.allowed === true;
  }

  /**
   * One request as the person. 4xx answers but 401 come back as data (the
   * caller words a refusal); a 401 (the portal's token), redirects, answers
   * that are not JSON, network failures, deadlines and 5xx are thrown,
   * naming the cluster and its config key.
   */
  async request(
    person: KubernetesPerson,
    call: {
      method: string;
      path: string;
      body?: unknown;
      contentType?: string;
      idempotent?: boolean;
    },
    signal?: AbortSignal,
  ): Promise<KubernetesAnswer> {
    const { maxResponseBytes } = this.policies.options;
    const url = `${this.cluster.kubernetes.url.replace(/\/+$/, '')}${
      call.path
    }`;
    const headers: string[] = ['Accept', 'application/json'];
    if (this.cluster.kubernetes.token) {
      headers.push('Authorization', `Bearer ${this.cluster.kubernetes.token}`);
    }
    headers.push('Impersonate-User', person.user);
    for (const group of person.groups) {
      headers.push('Impersonate-Group', group);
    }
    if (call.body !== undefined) {
      headers.push('Content-Type', call.contentType ?? 'application/json');
    }
    return this.policies.execute(
      this.target,
      { idempotent: call.idempotent ?? call.method === 'GET', signal },
      async attemptSignal => {
        const response = await undiciRequest(url, {
          method: call.method as 'GET',
          headers,
          body: call.body === undefined ? undefined : JSON.stringify(call.body),
          signal: attemptSignal,
          dispatcher: upstreamAgent({
            caData: this.cluster.kubernetes.caData,
            skipTLSVerify: this.cluster.kubernetes.skipTLSVerify,
          }),
        }).catch(error => {
          if (attemptSignal.aborted) throw error;
          throw new UpstreamFailure({
            kind: isCertificateError(error?.code) ? 'tls' : 'network',
            message: error?.code ?? error?.message ?? String(error),
          });
        });
        const text = await readCapped(response.body, maxResponseBytes);
        const status = response.statusCode;
        // A 401 refuses the portal's own token, never the person it speaks for.
        if (status >= 500 || status === 429 || status === 401) {
          throw new UpstreamFailure({
            kind: 'status',
            status,
            message: `HTTP ${status}`,
          });
        }
        if (status >= 300 && status < 400) {
          throw new UpstreamFailure({
            kind: 'redirect',
            message: `HTTP ${status} to ${String(
              response.headers.location ?? 'nowhere',
            )}`,
          });
        }
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // A success must be the object asked for: text there is a broken answer.
          if (status < 300) {
            throw new UpstreamFailure({
              kind: 'malformed',
              message: `a ${status} answer that is not JSON`,
            });
          }
        }
        return { status, body };
      },
    );
  }
}

async function readCapped(
  body: AsyncIterable<Buffer>,
  limit: number,
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > limit) {
      throw new UpstreamFailure({
        kind: 'too-large',
        message: `answer larger than ${limit} bytes`,
      });
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
