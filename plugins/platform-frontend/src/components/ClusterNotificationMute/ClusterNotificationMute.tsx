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
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Switch from '@material-ui/core/Switch';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { platformApiRef } from '../../api/PlatformApi';

/** The backend's own words for a refusal, not just its status line. */
const messageOf = (error: Error) =>
  (error as Partial<ResponseError>).body?.error?.message ?? error.message;

/**
 * The signed-in person's mute of the owner notifications about one cluster:
 * a switch showing the stored state, turned off again to unmute. The switch
 * shows what the backend answered, never what was merely asked for.
 */
export function ClusterNotificationMute(props: { cluster: string }) {
  const { cluster } = props;
  const platformApi = useApi(platformApiRef);
  const [muted, setMuted] = useState<boolean>();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string>();
  const loaded = useAsync(async () => {
    const answer = await platformApi.getClusterNotificationMute(cluster);
    setMuted(answer.muted);
  }, [platformApi, cluster]);

  const change = async (next: boolean) => {
    setSaving(true);
    setFailure(undefined);
    try {
      setMuted(
        (await platformApi.setClusterNotificationMute(cluster, next)).muted,
      );
    } catch (error) {
      setFailure(messageOf(error as Error));
    } finally {
      setSaving(false);
    }
  };

  const problem = failure ?? (loaded.error && messageOf(loaded.error));
  return (
    <div>
      <FormControlLabel
        control={
          <Switch
            checked={muted === true}
            disabled={muted === undefined || saving}
            onChange={(_event, checked) => change(checked)}
            color="primary"
          />
        }
        label="Mute notifications for this cluster"
      />
      <Typography variant="body2" role="status">
        {muted === undefined &&
          !problem &&
          'Reading your notification setting…'}
        {muted === true &&
          `You get no owner notifications about ${cluster}; turn the switch off to unmute.`}
        {muted === false &&
          `You get owner notifications about ${cluster} when your team owns the layer.`}
      </Typography>
      {problem && (
        <Typography variant="body2" color="error" role="alert">
          Could not {failure ? 'change' : 'read'} the mute: {problem}
        </Typography>
      )}
    </div>
  );
}
