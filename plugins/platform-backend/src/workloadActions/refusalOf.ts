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

import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { KubernetesPerson } from '@platform-portal/plugin-platform-node';
import { KubernetesAnswer } from '../clients/kubernetes/ImpersonatingKubernetesClient';
import { describe, WORKLOAD_KINDS, WorkloadRef } from './workloadRef';

/** What each action needs, in the words of Kubernetes RBAC. */
const NEEDS = {
  restart: (ref: WorkloadRef) => `patch on ${WORKLOAD_KINDS[ref.kind]}`,
  scale: (ref: WorkloadRef) =>
    `get on ${WORKLOAD_KINDS[ref.kind]} and patch on ${
      WORKLOAD_KINDS[ref.kind]
    }/scale`,
};

/**
 * An API server's refusal in plain words: who was refused what, and the
 * API server's own message (which names the person it judged). A refusal
 * of the portal's own account (it may not impersonate) names the cluster's
 * config key instead, since no right of the person would help.
 */
export function refusalOf(
  answer: KubernetesAnswer,
  ref: WorkloadRef,
  person: KubernetesPerson,
  action: 'restart' | 'scale',
  configKey: string,
): Error {
  const detail =
    typeof answer.body?.message === 'string'
      ? answer.body.message
      : `HTTP ${answer.status}`;
  const what = describe(ref);
  const api = `the Kubernetes API of cluster ${ref.cluster}`;
  switch (answer.status) {
    case 403:
      if (/cannot impersonate/.test(detail)) {
        return new NotAllowedError(
          `The portal could not ${action} ${what} for you: ${api} does not let the portal's account act for ${person.user}. Check that the account of ${configKey}.kubernetes.token holds impersonate on users and groups. The API server said: ${detail}`,
        );
      }
      return new NotAllowedError(
        `You may not ${action} ${what}: ${api} says Kubernetes RBAC does not give ${
          person.user
        } (groups ${person.groups.join(', ') || 'none'}) ${NEEDS[action](
          ref,
        )} in namespace ${
          ref.namespace
        }. Ask the team that owns the namespace for that right. The API server said: ${detail}`,
      );
    case 404:
      return new NotFoundError(`${what} does not exist: ${detail}`);
    case 409:
      return new ConflictError(
        `${what} changed while the ${action} was sent; try again. The API server said: ${detail}`,
      );
    case 400:
    case 422:
      return new InputError(
        `The API server refused the ${action} of ${what}: ${detail}`,
      );
    default:
      return new ServiceUnavailableError(
        `${api} answered the ${action} of ${what} with HTTP ${answer.status}: ${detail}; check ${configKey}.kubernetes.url`,
      );
  }
}
