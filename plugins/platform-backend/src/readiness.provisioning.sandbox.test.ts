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
  coreServices,
  createBackendModule,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  defaultFleet,
  Sandbox,
  startSandbox,
} from '@platform-portal/platform-sandbox';
// The part-2 simulators are not exported from the sandbox's index yet.
// eslint-disable-next-line @backstage/no-forbidden-package-imports
import { createUpstreamSimulators } from '@platform-portal/platform-sandbox/src/upstreams';
import { ClusterReadinessResponse } from '@platform-portal/plugin-platform-common';
import request from 'supertest';
import { HEALTH_REFRESH_TASK_ID } from './health/scheduleHealthRefresh';
import { platformPlugin } from './plugin';
import { sandboxControl } from './__testUtils__/sandboxControl';
import { sandboxPlatformConfig } from './__testUtils__/sandboxPlatformConfig';
import { platformTestDatabases } from './__testUtils__/testDatabases';

jest.setTimeout(600_000);

const databases = platformTestDatabases();
const CLUSTER = 'prod-eu-3';
const NAMESPACE = 'clusters';

/**
 * The Cluster API objects the platform's cluster-create template writes to
 * the management cluster (platform:cluster:create), in its order.
 */
function provisioningTemplateObjects() {
  const labels = {
    'app.kubernetes.io/managed-by': 'platform-portal',
    environment: 'production',
    region: 'eu-north',
  };
  const clusterLabel = { 'cluster.x-k8s.io/cluster-name': CLUSTER };
  const infra = 'infrastructure.cluster.x-k8s.io';
  return [
    {
      path: `/apis/cluster.x-k8s.io/v1beta2/namespaces/${NAMESPACE}/clusters`,
      body: {
        apiVersion: 'cluster.x-k8s.io/v1beta2',
        kind: 'Cluster',
        metadata: { name: CLUSTER, namespace: NAMESPACE, labels },
        spec: {
          clusterNetwork: {
            pods: { cidrBlocks: ['10.244.0.0/16'] },
            services: { cidrBlocks: ['10.96.0.0/12'] },
          },
          controlPlaneRef: {
            apiGroup: 'controlplane.cluster.x-k8s.io',
            kind: 'KubeadmControlPlane',
            name: `${CLUSTER}-control-plane`,
          },
          infrastructureRef: {
            apiGroup: infra,
            kind: 'VSphereCluster',
            name: CLUSTER,
          },
        },
      },
    },
    {
      path: `/apis/controlplane.cluster.x-k8s.io/v1beta2/namespaces/${NAMESPACE}/kubeadmcontrolplanes`,
      body: {
        apiVersion: 'controlplane.cluster.x-k8s.io/v1beta2',
        kind: 'KubeadmControlPlane',
        metadata: {
          name: `${CLUSTER}-control-plane`,
          namespace: NAMESPACE,
          labels: { ...labels, ...clusterLabel },
        },
        spec: {
          replicas: 3,
          version: 'v1.33.4',
          machineTemplate: {
            spec: {
              infrastructureRef: {
                apiGroup: infra,
                kind: 'VSphereMachineTemplate',
                name: `${CLUSTER}-control-plane`,
              },
            },
          },
        },
      },
    },
    {
      path: `/apis/cluster.x-k8s.io/v1beta2/namespaces/${NAMESPACE}/machinedeployments`,
      body: {
        apiVersion: 'cluster.x-k8s.io/v1beta2',
        kind: 'MachineDeployment',
        metadata: {
          name: `${CLUSTER}-md-0`,
          namespace: NAMESPACE,
          labels: { ...labels, ...clusterLabel },
        },
        spec: {
          clusterName: CLUSTER,
          replicas: 3,
          selector: {
            matchLabels: {
              ...clusterLabel,
              'cluster.x-k8s.io/deployment-name': `${CLUSTER}-md-0`,
            },
          },
          template: {
            metadata: {
              labels: {
                ...clusterLabel,
                'cluster.x-k8s.io/deployment-name': `${CLUSTER}-md-0`,
              },
            },
            spec: {
              clusterName: CLUSTER,
              version: 'v1.33.4',
              bootstrap: {
                configRef: {
                  apiGroup: 'bootstrap.cluster.x-k8s.io',
                  kind: 'KubeadmConfigTemplate',
                  name: `${CLUSTER}-md-0`,
                },
              },
              infrastructureRef: {
                apiGroup: infra,
                kind: 'VSphereMachineTemplate',
                name: `${CLUSTER}-md-0`,
              },
            },
          },
        },
      },
    },
  ];
}

describe.each(databases.eachSupportedId())(
  'a cluster provisioned through the Cluster API climbs the build-out on %s',
  databaseId => {
    let sandbox: Sandbox;
    let server: any;
    let scheduler: SchedulerService | undefined;
    let stopBackend: () => Promise<void>;

    const readinessOf = async (): Promise<ClusterReadinessResponse> => {
      await scheduler!.triggerTask(HEALTH_REFRESH_TASK_ID);
      const res = await request(server).get(
        `/api/platform/readiness/${CLUSTER}`,
      );
      expect(res.status).toBe(200);
      return res.body;
    };

    beforeAll(async () => {
      sandbox = await startSandbox({
        fleet: defaultFleet(),
        port: 0,
        controlPort: 0,
        upstreams: createUpstreamSimulators,
        realTimeTicks: false,
      });
      const mgmt = sandbox.kubernetesUrl('mgmt');
      for (const { path, body } of provisioningTemplateObjects()) {
        const res = await fetch(`${mgmt}${path}`, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${sandbox.credentials.kubernetes.mgmt.admin}`,
            'Content-Type': 'application/json',
          },
          body: JSON.stringify(body),
        });
        if (res.status !== 201) {
          throw new Error(`${path}: ${res.status} ${await res.text()}`);
        }
      }
      // The management cluster's controllers see the new Cluster on their next pass.
      await sandboxControl(sandbox, 'POST', '/time/advance', { ms: 1000 });
      if (!sandbox.fleetSpec.clusters.some(c => c.name === CLUSTER)) {
        throw new Error(
          `The sandbox did not build ${CLUSTER} from its Cluster`,
        );
      }

      const config = sandboxPlatformConfig(sandbox);
      const knex = await databases.init(databaseId);
      const backend = await startTestBackend({
        features: [
          platformPlugin,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              ...config,
              platform: {
                ...config.platform,
                clients: { timeoutMs: 15_000, maxRetries: 1 },
                // Every read sees the cluster as it is after the last advance of time.
                readiness: { probeCacheSeconds: 0 },
              },
            },
          }),
          createBackendModule({
            pluginId: 'platform',
            moduleId: 'test-scheduler',
            register(env) {
              env.registerInit({
                deps: { scheduler: coreServices.scheduler },
                async init(deps) {
                  scheduler = deps.scheduler;
                },
              });
            },
          }),
        ],
      });
      server = backend.server;
      stopBackend = () => backend.stop();
    });

    afterAll(async () => {
      await stopBackend?.();
      await sandbox?.stop();
    });

    /** The phase a cluster has reached: every phase up to it passes. */
    const reachedPhase = (readiness: ClusterReadinessResponse) =>
      (readiness.stuckPhase ?? readiness.phases.length + 1) - 1;

    const advanceMinutes = (minutes: number) =>
      sandboxControl(sandbox, 'POST', '/time/advance', {
        ms: minutes * 60_000,
      });

    /**
     * A layer just installed may still be settling (cert-manager issues a new
     * certificate within seconds): let its controllers finish first.
     */
    const settled = async () => {
      const store = sandbox.fleet.cluster(CLUSTER)!.store;
      const pending = () =>
        store
          .list('certificates.cert-manager.io')
          .some(
            c =>
              !(c.status as any)?.conditions?.some(
                (condition: { type: string; status: string }) =>
                  condition.type === 'Ready' && condition.status === 'True',
              ),
          );
      for (let i = 0; i < 5 && pending(); i++) {
        await advanceMinutes(1);
      }
      expect(pending()).toBe(false);
    };

    it('passes phase after phase as simulated time advances, up to the last', async () => {
      const climb: Array<{ phase: number; passed: number }> = [];
      const record = async () => {
        const readiness = await readinessOf();
        climb.push({
          phase: reachedPhase(readiness),
          passed: readiness.score.passed,
        });
        return readiness;
      };

      // Declared, not built: no machine has joined, phase 1 is where it stands.
      const bare = await record();
      expect(bare.stuckPhase).toBe(1);

      // The platform team's build-out lands a layer every few minutes; look between landings.
      let readiness = bare;
      for (let sample = 0; sample < 15 && readiness.stuckPhase; sample++) {
        await advanceMinutes(5);
        await settled();
        readiness = await record();
      }

      const phases = climb.map(c => c.phase);
      const scores = climb.map(c => c.passed);
      expect(phases).toEqual([...phases].sort((x, y) => x - y));
      expect(scores).toEqual([...scores].sort((x, y) => x - y));
      expect(phases[phases.length - 1]).toBe(11);
      // One layer after another, not all at once.
      expect(new Set(phases).size).toBeGreaterThanOrEqual(8);

      expect(readiness.stuckPhase).toBeUndefined();
      const steps = readiness.phases.flatMap(p => p.steps);
      expect(
        steps
          .filter(s => s.verification === 'automatic')
          .filter(s => s.status !== 'passed')
          .map(s => `${s.number}: ${s.message}`),
      ).toEqual([]);
      // No machine vouches for what only a person can: those steps still wait for one.
      expect(
        new Set(
          steps
            .filter(s => s.verification === 'attestation')
            .map(s => s.status),
        ),
      ).toEqual(new Set(['awaiting-attestation']));
    });
  },
);
