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

import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { NamespaceService } from '@platform-portal/plugin-platform-common';
import useAsync from 'react-use/esm/useAsync';
import { nameFromField } from './formContextRefs';
import { selfServiceApiRef } from './SelfServiceApi';

/** Where the service pickers find the cluster and namespace in the form. */
export interface ServiceFieldsUiOptions {
  /** The form field holding the cluster (default `cluster`). */
  clusterField?: string;
  /** The form field holding the namespace (default `namespace`). */
  namespaceField?: string;
}

/**
 * The Services of the namespace chosen in the form, read from the platform
 * backend with the user's own Kubernetes rights; a sentence saying why there
 * are none to choose from, when that is so.
 */
export function useNamespaceServices(
  formData: Record<string, unknown> | undefined,
  options: ServiceFieldsUiOptions,
): {
  services?: NamespaceService[];
  loading: boolean;
  failed: boolean;
  help?: string;
} {
  const cluster = nameFromField(formData, options.clusterField ?? 'cluster');
  const namespaceValue = formData?.[options.namespaceField ?? 'namespace'];
  const namespace =
    typeof namespaceValue === 'string' && namespaceValue !== ''
      ? namespaceValue
      : undefined;
  const api = useApi(selfServiceApiRef);
  const { value, loading, error } = useAsync(async () => {
    if (!cluster || !namespace) return undefined;
    return (await api.listNamespaceServices(cluster, namespace)).services;
  }, [api, cluster, namespace]);

  let help: string | undefined;
  if (!cluster || !namespace) {
    help = 'Choose the cluster and the namespace first.';
  } else if (error) {
    const message =
      (error as Partial<ResponseError>).body?.error?.message ?? error.message;
    help = `The Services of ${namespace} on ${cluster} could not be listed: ${message}`;
  } else if (value && value.length === 0) {
    help = `${namespace} on ${cluster} has no Service yet; deploy the component first, then route to it.`;
  }
  return { services: value, loading, failed: Boolean(error), help };
}
