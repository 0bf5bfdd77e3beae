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
  CompoundEntityRef,
  getCompoundEntityRef,
} from '@backstage/catalog-model';
import { EmptyState, InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { EntityNotConfigured } from '@platform-portal/plugin-platform-common';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { PlatformApi, platformApiRef } from '../../api/PlatformApi';
import { BackendErrorPanel } from '../BackendErrorPanel';

/** Shows which annotation to add, with an example for this entity. */
export function NotConfigured(props: {
  integration: string;
  annotations: string[];
  example: string;
}) {
  return (
    <EmptyState
      missing="field"
      title={`${props.integration} is not configured for this entity`}
      description={`Add ${
        props.annotations.length > 1
          ? 'one of these annotations'
          : 'this annotation'
      } to the entity's catalog-info.yaml: ${props.annotations.join(', ')}.`}
      action={<pre>{`metadata:\n  annotations:\n${props.example}`}</pre>}
    />
  );
}

export interface EntityIntegrationCardProps<T> {
  title: string;
  /** The integration's name in messages, e.g. "Nexus". */
  integration: string;
  /** Annotations of which any one sets the integration up. */
  annotations: string[];
  /** YAML lines under `annotations:` for this entity, indented four spaces. */
  example: (name: string) => string;
  load: (
    api: PlatformApi,
    entity: CompoundEntityRef,
  ) => Promise<EntityNotConfigured | T>;
  /** Text when the integration answers with nothing to show, or undefined when there is something. */
  emptyMessage: (value: T) => string | undefined;
  children: (value: T) => ReactNode;
  /** Shown in the card's header in every state. */
  action?: ReactNode;
}

/**
 * An entity page card over one `/entity/.../<integration>` route: asks the
 * backend only when the entity carries the integration's annotation, and
 * shows loading, the backend's error, "not configured" (with the annotation
 * to add), empty, or the data.
 */
export function EntityIntegrationCard<T extends { configured: true }>(
  props: EntityIntegrationCardProps<T>,
) {
  const { entity } = useEntity();
  const api = useApi(platformApiRef);
  const annotations = entity.metadata.annotations ?? {};
  const annotated = props.annotations.some(a => annotations[a]?.trim());
  const ref = getCompoundEntityRef(entity);
  const { load } = props;
  const state = useAsyncRetry(
    async () => (annotated ? load(api, ref) : undefined),
    [api, annotated, ref.kind, ref.namespace, ref.name, load],
  );
  const notConfigured = (
    <NotConfigured
      integration={props.integration}
      annotations={props.annotations}
      example={props.example(entity.metadata.name)}
    />
  );

  let content: ReactNode;
  if (!annotated) {
    content = notConfigured;
  } else if (state.loading && !state.value) {
    content = <Progress />;
  } else if (state.error) {
    content = (
      <BackendErrorPanel
        error={state.error}
        title={`${props.integration} could not be read`}
      />
    );
  } else if (!state.value || !state.value.configured) {
    content = notConfigured;
  } else {
    const value = state.value as T;
    const empty = props.emptyMessage(value);
    content = empty ? (
      <Typography variant="body2" color="textSecondary">
        {empty}
      </Typography>
    ) : (
      props.children(value)
    );
  }
  return (
    <InfoCard title={props.title} action={props.action}>
      {content}
    </InfoCard>
  );
}
