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
  HealthStateChange,
  getLayer,
} from '@platform-portal/plugin-platform-common';
import Typography from '@material-ui/core/Typography';
import { VerdictChip } from '../VerdictChip';

/** State changes, newest first. */
export function HealthHistory(props: { changes: HealthStateChange[] }) {
  const changes = [...props.changes].sort((a, b) =>
    b.changedAt.localeCompare(a.changedAt),
  );
  if (changes.length === 0) {
    return (
      <Typography color="textSecondary">
        No state changes recorded yet.
      </Typography>
    );
  }
  return (
    <ol aria-label="State changes" style={{ listStyle: 'none', padding: 0 }}>
      {changes.map(change => (
        <li key={`${change.layer}-${change.changedAt}`}>
          <Typography variant="body2" component="span">
            <time dateTime={change.changedAt}>
              {new Date(change.changedAt).toLocaleString()}
            </time>{' '}
            {getLayer(change.layer).title}:{' '}
            {change.from ? <VerdictChip verdict={change.from} /> : 'first seen'}{' '}
            → <VerdictChip verdict={change.to} /> {change.message}
          </Typography>
        </li>
      ))}
    </ol>
  );
}
