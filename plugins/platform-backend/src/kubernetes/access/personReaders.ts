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

import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { KubernetesPerson } from '@platform-portal/plugin-platform-node';
import { guessResource } from '../../clients/kubernetes/KubernetesClient';
import { NamespacedKubernetesReader } from '../../clients/kubernetes/NamespacedKubernetesReader';
import { UpstreamClients } from '../../clients/UpstreamClients';
import { WorkloadReaderFor } from '../../workloads/WorkloadService';
import { KubernetesAccessQuestion } from '../../clients/kubernetes/ImpersonatingKubernetesClient';
import { PersonKubernetesAccess } from './PersonKubernetesAccess';

/**
 * The Workloads tab's readers for one signed-in person: each read is the
 * portal's (keyed without the person, so everyone shares it), made only
 * after the cluster's API server, asked as the person (a cached
 * SelfSubjectAccessReview), says they may make it themselves.
 */
export function personReaders(
  clients: UpstreamClients,
  access: PersonKubernetesAccess,
  credentials: BackstageCredentials,
): WorkloadReaderFor {
  let person: Promise<KubernetesPerson> | undefined;
  const may = async (cluster: string, question: KubernetesAccessQuestion) => {
    person ??= access.personOf(credentials);
    const who = await person;
    if (!(await access.can(who, cluster, question))) {
      const resource = question.subresource
        ? `${question.resource}/${question.subresource}`
        : question.resource;
      throw new NotAllowedError(
        `Kubernetes RBAC on ${cluster} does not let ${who.user} ${question.verb} ${resource} in namespace ${question.namespace}, so they are not shown`,
      );
    }
  };
  return cluster => {
    const reader = clients.kubernetes(cluster)?.namespaced();
    if (!reader) return undefined;
    const guarded: NamespacedKubernetesReader = Object.create(reader);
    guarded.list = async (...args) => {
      const [apiVersion, kind, namespace] = args;
      await may(cluster, {
        verb: 'list',
        group: apiVersion.includes('/') ? apiVersion.split('/')[0] : '',
        resource: guessResource(kind),
        namespace,
      });
      return reader.list(...args);
    };
    guarded.podLog = async (...args) => {
      const [namespace, pod] = args;
      await may(cluster, {
        verb: 'get',
        group: '',
        resource: 'pods',
        subresource: 'log',
        namespace,
        name: pod,
      });
      return reader.podLog(...args);
    };
    return guarded;
  };
}
