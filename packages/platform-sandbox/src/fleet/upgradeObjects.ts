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

import { KubeObject } from '../kube/objects';
import { ObjectStore } from '../kube/store';
import { ClusterSpec, LegacyApiObject } from '../scenario/types';
import { namespaceObject } from './namespaces';
import { upsert } from './objectWrites';
import { PlatformWorkload } from './platformCatalog';
import { workloadObject } from './workloadManifests';

const FLOWCONTROL = 'flowcontrol.apiserver.k8s.io';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const SYSTEM_UPGRADE = 'system-upgrade';

/** The platform workload with the image this cluster runs it at, when the scenario pins another release. */
export function withScenarioImage(
  workload: PlatformWorkload,
  spec: ClusterSpec,
): PlatformWorkload {
  const image = spec.upgrade?.addonImages?.[workload.name];
  return image ? { ...workload, image } : workload;
}

function legacySpec(object: LegacyApiObject): Record<string, unknown> {
  if (object.kind === 'PriorityLevelConfiguration') {
    return {
      type: 'Limited',
      limited: {
        nominalConcurrencyShares: 10,
        limitResponse: {
          type: 'Queue',
          queuing: { queues: 16, handSize: 4, queueLengthLimit: 50 },
        },
      },
    };
  }
  return {
    priorityLevelConfiguration: { name: 'platform-batch' },
    matchingPrecedence: 1000,
    distinguisherMethod: { type: 'ByUser' },
    rules: [
      {
        subjects: [
          {
            kind: 'ServiceAccount',
            serviceAccount: { name: 'batch-runner', namespace: 'kube-system' },
          },
        ],
        resourceRules: [
          {
            verbs: ['*'],
            apiGroups: ['*'],
            resources: ['*'],
            clusterScope: true,
            namespaces: ['*'],
          },
        ],
      },
    ],
  };
}

/**
 * An object stored at the group's storage version whose manager last wrote it
 * through an older one: the API server keeps that version in managedFields,
 * and kubectl keeps the manifest it applied in the last-applied annotation.
 */
function legacyObject(object: LegacyApiObject, at: string): KubeObject {
  const spec = legacySpec(object);
  const applied = {
    apiVersion: object.apiVersion,
    kind: object.kind,
    metadata: { name: object.name },
    spec,
  };
  return {
    apiVersion: `${FLOWCONTROL}/v1`,
    kind: object.kind,
    metadata: {
      name: object.name,
      creationTimestamp: at,
      annotations: { [LAST_APPLIED]: JSON.stringify(applied) },
      managedFields: [
        {
          manager: object.manager,
          operation: 'Update',
          apiVersion: object.apiVersion,
          time: at,
          fieldsType: 'FieldsV1',
          fieldsV1: {
            'f:metadata': {
              'f:annotations': { '.': {}, [`f:${LAST_APPLIED}`]: {} },
            },
            'f:spec': {},
          },
        },
      ],
    },
    spec,
  };
}

/** RKE2 clusters run system-upgrade-controller, as the guide's automated upgrades need. */
function buildSystemUpgradeController(store: ObjectStore, at: string): void {
  upsert(store, 'namespaces', namespaceObject(SYSTEM_UPGRADE, {}, at));
  upsert(store, 'serviceaccounts', {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: {
      name: 'system-upgrade',
      namespace: SYSTEM_UPGRADE,
      creationTimestamp: at,
    },
  });
  upsert(
    store,
    'deployments.apps',
    workloadObject({
      namespace: SYSTEM_UPGRADE,
      name: 'system-upgrade-controller',
      kind: 'Deployment',
      replicas: 1,
      image: 'docker.io/rancher/system-upgrade-controller:v0.16.3',
      labels: { 'app.kubernetes.io/part-of': 'system-upgrade-controller' },
      createdAt: at,
    }),
  );
}

/** The scenario's upgrade-relevant objects: legacy-version objects and disruption budgets. */
export function buildUpgradeObjects(
  store: ObjectStore,
  spec: ClusterSpec,
  at: string,
): void {
  if (spec.provisioner === 'rke2') buildSystemUpgradeController(store, at);
  for (const object of spec.upgrade?.legacyApiObjects ?? []) {
    const resource =
      object.kind === 'FlowSchema'
        ? `flowschemas.${FLOWCONTROL}`
        : `prioritylevelconfigurations.${FLOWCONTROL}`;
    upsert(store, resource, legacyObject(object, at));
  }
  for (const budget of spec.upgrade?.disruptionBudgets ?? []) {
    upsert(store, 'poddisruptionbudgets.policy', {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: {
        name: budget.name,
        namespace: budget.namespace,
        creationTimestamp: at,
        generation: 1,
      },
      spec: {
        selector: {
          matchLabels: { 'app.kubernetes.io/name': budget.component },
        },
        ...(budget.minAvailable !== undefined
          ? { minAvailable: budget.minAvailable }
          : {}),
        ...(budget.maxUnavailable !== undefined
          ? { maxUnavailable: budget.maxUnavailable }
          : {}),
      },
    });
  }
}
