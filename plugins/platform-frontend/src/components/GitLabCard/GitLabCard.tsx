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
  ANNOTATIONS,
  EntityGitLabResponse,
  PipelineSummary,
} from '@platform-portal/plugin-platform-common';
import Typography from '@material-ui/core/Typography';
import { PlatformApi } from '../../api/PlatformApi';
import {
  EntityIntegrationCard,
  StatusWord,
  useEntityListStyles,
} from '../EntityIntegrationCard';
import {
  formatDateTime,
  formatDuration,
} from '../EntityIntegrationCard/format';

type Configured = Extract<EntityGitLabResponse, { configured: true }>;

const load = (
  api: PlatformApi,
  ref: Parameters<PlatformApi['getEntityGitLab']>[0],
) => api.getEntityGitLab(ref);

function PipelineLine(props: { pipeline: PipelineSummary }) {
  const classes = useEntityListStyles();
  const p = props.pipeline;
  return (
    <>
      <div className={classes.line}>
        <StatusWord value={p.status} />
        {p.webUrl ? <Link to={p.webUrl}>#{p.id}</Link> : <span>#{p.id}</span>}
        <Typography variant="body2" component="span">
          {p.ref}
          {p.sha ? ` @ ${p.sha.slice(0, 8)}` : ''}
        </Typography>
        {p.durationSeconds !== undefined && (
          <Typography variant="body2" component="span" color="textSecondary">
            {formatDuration(p.durationSeconds)}
          </Typography>
        )}
        {p.createdAt && (
          <Typography variant="body2" component="span" color="textSecondary">
            {formatDateTime(p.createdAt)}
          </Typography>
        )}
      </div>
      {p.stages.length > 0 && (
        <div
          className={classes.stages}
          aria-label={`Stages of pipeline ${p.id}`}
        >
          {p.stages.map(s => (
            <span key={s.name}>
              {s.name}: <StatusWord value={s.status} />
            </span>
          ))}
        </div>
      )}
    </>
  );
}

/**
 * The entity's GitLab project: the latest pipelines of its default branch
 * and of its open merge requests, with status, duration and stages.
 *
 * @public
 */
export function GitLabCard() {
  const classes = useEntityListStyles();
  return (
    <EntityIntegrationCard<Configured>
      title="GitLab pipelines"
      integration="GitLab"
      annotations={[ANNOTATIONS.gitlabProjectSlug]}
      example={name => `    ${ANNOTATIONS.gitlabProjectSlug}: <group>/${name}`}
      load={load}
      emptyMessage={value =>
        value.defaultBranch.length === 0 && value.mergeRequests.length === 0
          ? `${value.project.path} has no pipeline on ${value.project.defaultBranch} and no open merge request.`
          : undefined
      }
    >
      {value => (
        <>
          <Typography variant="subtitle2" component="h3">
            {value.project.webUrl ? (
              <Link to={value.project.webUrl}>{value.project.path}</Link>
            ) : (
              value.project.path
            )}{' '}
            · {value.project.defaultBranch}
          </Typography>
          {value.defaultBranch.length === 0 ? (
            <Typography variant="body2" color="textSecondary">
              No pipeline has run on {value.project.defaultBranch}.
            </Typography>
          ) : (
            <ul className={classes.list} aria-label="Default branch pipelines">
              {value.defaultBranch.map(p => (
                <li key={p.id} className={classes.item}>
                  <PipelineLine pipeline={p} />
                </li>
              ))}
            </ul>
          )}
          <Typography
            variant="subtitle2"
            component="h3"
            style={{ marginTop: 16 }}
          >
            Open merge requests
          </Typography>
          {value.mergeRequests.length === 0 ? (
            <Typography variant="body2" color="textSecondary">
              No open merge request.
            </Typography>
          ) : (
            <ul className={classes.list} aria-label="Open merge requests">
              {value.mergeRequests.map(mr => (
                <li key={mr.iid} className={classes.item}>
                  <Typography variant="body2">
                    {mr.webUrl ? (
                      <Link to={mr.webUrl}>!{mr.iid}</Link>
                    ) : (
                      `!${mr.iid}`
                    )}{' '}
                    {mr.title} ({mr.sourceBranch})
                  </Typography>
                  {mr.pipeline ? (
                    <PipelineLine pipeline={mr.pipeline} />
                  ) : (
                    <Typography variant="body2" color="textSecondary">
                      No pipeline yet.
                    </Typography>
                  )}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </EntityIntegrationCard>
  );
}
