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

import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { WorkloadPod } from '@platform-portal/plugin-platform-common';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useCallback, useEffect, useRef, useState } from 'react';
import { platformApiRef } from '../../api/PlatformApi';
import { describeBackendError } from '../BackendErrorPanel';

const TAILS = [100, 500, 2000];
/** What the page keeps of a followed log: the newest part. */
const MAX_SHOWN_CHARS = 512 * 1024;

const useStyles = makeStyles(theme => ({
  controls: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(1),
  },
  log: {
    margin: 0,
    padding: theme.spacing(1),
    background: theme.palette.background.default,
    color: theme.palette.text.primary,
    fontSize: '0.8rem',
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-all',
    height: 320,
    overflow: 'auto',
  },
}));

/**
 * One pod's container log: its tail (current or previous container), a
 * download, and follow, which streams through the backend until stopped or
 * the page goes away.
 */
export function LogViewer(props: {
  entity: CompoundEntityRef;
  cluster: string;
  pod: WorkloadPod;
}) {
  const classes = useStyles();
  const api = useApi(platformApiRef);
  const { entity, cluster, pod } = props;
  const [container, setContainer] = useState(pod.containers[0]?.name ?? '');
  const [tailLines, setTailLines] = useState(500);
  const [previous, setPrevious] = useState(false);
  const [text, setText] = useState<string>();
  const [error, setError] = useState<string>();
  const [following, setFollowing] = useState(false);
  const [loading, setLoading] = useState(false);
  const reader = useRef<ReadableStreamDefaultReader<Uint8Array>>();

  const stopFollowing = useCallback(() => {
    reader.current?.cancel().catch(() => undefined);
    reader.current = undefined;
    setFollowing(false);
  }, []);
  useEffect(() => stopFollowing, [stopFollowing]);

  const query = { cluster, pod: pod.name, container, tailLines, previous };

  const load = async () => {
    stopFollowing();
    setLoading(true);
    setError(undefined);
    try {
      const response = await api.getPodLog(entity, query);
      setText(await response.text());
    } catch (e) {
      setText(undefined);
      setError(describeBackendError(e as Error));
    } finally {
      setLoading(false);
    }
  };

  const follow = async () => {
    stopFollowing();
    setError(undefined);
    setText('');
    setFollowing(true);
    try {
      const response = await api.getPodLog(entity, {
        ...query,
        previous: false,
        follow: true,
      });
      const stream = response.body!.getReader();
      reader.current = stream;
      const decoder = new TextDecoder();
      for (;;) {
        const { done, value } = await stream.read();
        if (done) break;
        const chunk = decoder.decode(value, { stream: true });
        setText(t => ((t ?? '') + chunk).slice(-MAX_SHOWN_CHARS));
      }
    } catch (e) {
      if (reader.current) setError(describeBackendError(e as Error));
    } finally {
      reader.current = undefined;
      setFollowing(false);
    }
  };

  const download = async () => {
    setError(undefined);
    try {
      const response = await api.getPodLog(entity, {
        ...query,
        download: true,
      });
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = `${cluster}-${pod.name}-${container}${
        previous ? '-previous' : ''
      }.log`;
      link.click();
      URL.revokeObjectURL(url);
    } catch (e) {
      setError(describeBackendError(e as Error));
    }
  };

  return (
    <section aria-label={`Log of ${pod.name} on ${cluster}`}>
      <div className={classes.controls}>
        <TextField
          select
          label="Container"
          value={container}
          onChange={e => setContainer(e.target.value)}
          size="small"
        >
          {pod.containers.map(c => (
            <MenuItem key={c.name} value={c.name}>
              {c.name}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          label="Lines"
          value={tailLines}
          onChange={e => setTailLines(Number(e.target.value))}
          size="small"
        >
          {TAILS.map(n => (
            <MenuItem key={n} value={n}>
              last {n}
            </MenuItem>
          ))}
        </TextField>
        <FormControlLabel
          control={
            <Checkbox
              checked={previous}
              onChange={e => setPrevious(e.target.checked)}
              color="primary"
            />
          }
          label="Previous container"
        />
        <Button variant="outlined" onClick={load} disabled={loading}>
          Show log
        </Button>
        {following ? (
          <Button variant="outlined" onClick={stopFollowing}>
            Stop following
          </Button>
        ) : (
          <Button variant="outlined" onClick={follow} disabled={previous}>
            Follow
          </Button>
        )}
        <Button variant="outlined" onClick={download}>
          Download
        </Button>
      </div>
      {error && (
        <Typography variant="body2" color="error" role="alert">
          {error}
        </Typography>
      )}
      {following && (
        <Typography variant="body2" role="status">
          Following {pod.name}: new lines appear as they are written.
        </Typography>
      )}
      {text !== undefined && (
        // A scrollable log must be reachable from the keyboard to scroll it.
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        <pre className={classes.log} aria-label="Log lines" tabIndex={0}>
          {text || 'The log is empty.'}
        </pre>
      )}
    </section>
  );
}
