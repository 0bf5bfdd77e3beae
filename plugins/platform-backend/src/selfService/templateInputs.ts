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

import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { PreviewableTemplate } from '@platform-portal/plugin-platform-common';

/** What one template step hands its action: `platform:<action>:create` and its input. */
export interface TemplateStepInput {
  action: 'httproute' | 'certificate' | 'volume' | 'namespace';
  input: Record<string, unknown>;
}

/** `cluster | parseEntityRef | pick('name')`, as the templates render it. */
function refName(
  parameters: Record<string, unknown>,
  field: string,
  defaultKind: string,
): unknown {
  const value = parameters[field];
  if (typeof value !== 'string' || value === '') return value;
  try {
    return parseEntityRef(value, { defaultKind, defaultNamespace: 'default' })
      .name;
  } catch {
    throw new InputError(
      `${field}: "${value.slice(0, 100)}" is not an entity reference`,
    );
  }
}

/**
 * The inputs a template's steps render from its form's parameters, step by
 * step as in templates/<name>/template.yaml, so the preview builds what the
 * run will apply.
 */
export function templateStepInputs(
  template: PreviewableTemplate,
  parameters: Record<string, unknown>,
): TemplateStepInput[] {
  const target = {
    cluster: refName(parameters, 'cluster', 'resource'),
    namespace: parameters.namespace,
    team: refName(parameters, 'owner', 'group'),
  };
  switch (template) {
    case 'platform-route-certificate':
      return [
        {
          action: 'httproute',
          input: {
            ...target,
            name: parameters.name,
            hostnames: [parameters.hostname],
            rules: [
              {
                path: parameters.path,
                backends: [
                  { service: parameters.service, port: parameters.port },
                ],
              },
            ],
          },
        },
        {
          action: 'certificate',
          input: {
            ...target,
            name: parameters.name,
            dnsNames: [parameters.hostname],
            issuer: parameters.issuer,
            routeName: parameters.name,
          },
        },
      ];
    case 'platform-volume':
      return [
        {
          action: 'volume',
          input: {
            ...target,
            name: parameters.name,
            size: parameters.size,
            replicas: parameters.replicas,
            accessMode: parameters.accessMode,
          },
        },
      ];
    case 'platform-namespace':
      return [
        {
          action: 'namespace',
          input: {
            ...target,
            entity: parameters.entity ?? '',
            size: parameters.size,
            allowSameNamespace: parameters.allowSameNamespace,
            allowIngressFromGateway: parameters.allowIngressFromGateway,
            allowDnsEgress: parameters.allowDnsEgress,
          },
        },
      ];
    default:
      throw new InputError(`template: "${template}" has no preview`);
  }
}
