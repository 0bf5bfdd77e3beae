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

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { pinnedModuleDir } from './goModules';

/*
 * kwok stages for a cluster copied from the sandbox, which must keep the
 * scenario the copy holds: kwok's own stages (kustomize/stage of its module)
 * where they leave it alone, narrowed where they would heal it. A node that
 * already reports a Ready condition keeps it (the scenario's NotReady and
 * lost nodes stay so); a node with none (one added later) initialises as
 * kwok's does. Ready nodes beat with every condition they have, pressure
 * included. A pod the sandbox marks with a fault is never made ready; one
 * that crash-loops restarts again every half minute.
 */

/** The annotation the sandbox's pod faults set (crashloop, not-ready, oom-killed, image-pull, unschedulable). */
export const SANDBOX_POD_FAULT = 'sandbox.platform-portal.io/fault';

/** How often a crash-looping container restarts again. */
export const CRASH_LOOP_RESTART_MS = 30_000;

type Stage = Record<string, any>;

const READY_STATUS =
  '.status.conditions.[] | select( .type == "Ready" ) | .status';

function upstream(file: string): Stage {
  const dir = pinnedModuleDir('sigs.k8s.io/kwok', 'kustomize/stage');
  return parse(readFileSync(join(dir, file), 'utf8'));
}

/** A node with no Ready condition yet; the copy's nodes all have one. */
function nodeInitialize(): Stage {
  const stage = upstream('node/fast/node-initialize.yaml');
  stage.spec.selector = {
    matchExpressions: [{ key: READY_STATUS, operator: 'DoesNotExist' }],
  };
  return stage;
}

/**
 * kwok's heartbeat rewrites the conditions to its healthy set; this one keeps
 * each status. It selects on Ready alone: the copy's nodes, as kubelets
 * write them today, have no status.phase.
 */
function nodeHeartbeat(): Stage {
  const stage = upstream('node/heartbeat/node-heartbeat.yaml');
  stage.spec.selector = {
    matchExpressions: [{ key: READY_STATUS, operator: 'In', values: ['True'] }],
  };
  stage.spec.next.statusTemplate = `{{ $now := Now }}
conditions:
{{ range .status.conditions }}
- lastHeartbeatTime: {{ $now | Quote }}
  lastTransitionTime: {{ .lastTransitionTime | Quote }}
  message: {{ .message | Quote }}
  reason: {{ .reason | Quote }}
  status: {{ .status | Quote }}
  type: {{ .type | Quote }}
{{ end }}
`;
  return stage;
}

function podReady(): Stage {
  const stage = upstream('pod/fast/pod-ready.yaml');
  stage.spec.selector.matchExpressions.push({
    key: `.metadata.annotations["${SANDBOX_POD_FAULT}"]`,
    operator: 'DoesNotExist',
  });
  return stage;
}

/** The kubelet's CrashLoopBackOff: every container fails again and waits, its restart count one higher. */
function podCrashLoop(): Stage {
  return {
    apiVersion: 'kwok.x-k8s.io/v1alpha1',
    kind: 'Stage',
    metadata: { name: 'pod-crash-loop' },
    spec: {
      resourceRef: { apiGroup: 'v1', kind: 'Pod' },
      selector: {
        matchExpressions: [
          { key: '.metadata.deletionTimestamp', operator: 'DoesNotExist' },
          { key: '.status.phase', operator: 'In', values: ['Running'] },
          {
            key: `.metadata.annotations["${SANDBOX_POD_FAULT}"]`,
            operator: 'In',
            values: ['crashloop'],
          },
        ],
      },
      delay: { durationMilliseconds: CRASH_LOOP_RESTART_MS },
      next: {
        statusTemplate: `{{ $now := Now }}
{{ $pod := . }}
containerStatuses:
{{ range .status.containerStatuses }}
- name: {{ .name | Quote }}
  image: {{ .image | Quote }}
  imageID: {{ .imageID | Quote }}
  containerID: {{ .containerID | Quote }}
  ready: false
  started: false
  restartCount: {{ add1 .restartCount }}
  lastState:
    terminated:
      exitCode: 1
      reason: Error
      startedAt: {{ $now | Quote }}
      finishedAt: {{ $now | Quote }}
      containerID: {{ .containerID | Quote }}
  state:
    waiting:
      reason: CrashLoopBackOff
      message: {{ printf "back-off 5m0s restarting failed container=%s pod=%s_%s(%s)" .name $pod.metadata.name $pod.metadata.namespace $pod.metadata.uid | Quote }}
{{ end }}
`,
      },
    },
  };
}

/** The stages as one kwok config file. */
export function scenarioStages(): string {
  return [
    nodeInitialize(),
    nodeHeartbeat(),
    podReady(),
    podCrashLoop(),
    upstream('pod/fast/pod-complete.yaml'),
    upstream('pod/fast/pod-delete.yaml'),
  ]
    .map(stage => stringify(stage))
    .join('---\n');
}
