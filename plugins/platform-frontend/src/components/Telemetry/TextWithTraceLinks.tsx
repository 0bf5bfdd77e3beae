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

import { Link } from '@backstage/core-components';
import {
  tempoTraceUrl,
  TRACE_ID_PATTERN,
} from '@platform-portal/plugin-platform-common';
import { Fragment } from 'react';
import { useGrafanaLinkTargets } from './grafanaLinkTargets';

/** Text in which every trace id (`traceID=…`, `trace_id=…`) links to its trace in Tempo. */
export function TextWithTraceLinks(props: { text: string }) {
  const { tempo } = useGrafanaLinkTargets();
  if (!tempo) {
    return <>{props.text}</>;
  }
  const parts: JSX.Element[] = [];
  let last = 0;
  for (const match of props.text.matchAll(TRACE_ID_PATTERN)) {
    const id = match[1];
    const start = match.index! + match[0].length - id.length;
    parts.push(
      <Fragment key={`t${start}`}>{props.text.slice(last, start)}</Fragment>,
    );
    parts.push(
      <Link
        key={id + start}
        to={tempoTraceUrl(tempo, id)}
        title={`Open trace ${id}`}
      >
        {id}
      </Link>,
    );
    last = start + id.length;
  }
  parts.push(<Fragment key="rest">{props.text.slice(last)}</Fragment>);
  return <>{parts}</>;
}
