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
import Alert from '@material-ui/lab/Alert';
import useAsync from 'react-use/esm/useAsync';
import { platformApiRef } from '../../api/PlatformApi';

/** "a", "a and b", "a, b and c" */
function listed(names: string[]): string {
  return names.length > 1
    ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
    : names.join('');
}

/**
 * Says plainly that the fleet on screen is simulated, so nobody mistakes the
 * sandbox's clusters for production ones, and which clusters' Kubernetes
 * APIs are real control planes when some are. Renders nothing for a real fleet.
 */
export function SimulatedFleetBanner() {
  const platformApi = useApi(platformApiRef);
  const { value } = useAsync(() => platformApi.getEnvironment(), [platformApi]);
  if (!value?.simulated) {
    return null;
  }
  const real = value.realKubernetes ?? [];
  if (real.length === 0) {
    return (
      <Alert severity="info" role="status" aria-label="Simulated fleet">
        Simulated fleet: these {value.clusterCount} clusters and their upstreams
        are served by platform-sandbox, not by real infrastructure.
      </Alert>
    );
  }
  return (
    <Alert severity="info" role="status" aria-label="Simulated fleet">
      Simulated fleet with real Kubernetes: the Kubernetes API of {listed(real)}{' '}
      is a real control plane (kube-apiserver and etcd on this machine, holding
      a copy of the sandbox&apos;s objects); the other upstreams of these{' '}
      {value.clusterCount} clusters are served by platform-sandbox.
    </Alert>
  );
}
