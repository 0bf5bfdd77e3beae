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

import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Sandbox } from '@platform-portal/platform-sandbox';
import { ClusterReadinessResponse } from '@platform-portal/plugin-platform-common';
// The provisioning template's action, as the scaffolder runs it.
import { createClusterAction } from '@platform-portal/plugin-scaffolder-backend-module-platform/alpha';
import {
  actionSetup,
  contextFor,
  userOf,
} from '@platform-portal/plugin-scaffolder-backend-module-platform/testUtils';
import platformPlugin from '@platform-portal/plugin-platform-backend';
import {
  captureScheduler,
  platformTestDatabases,
  sandboxControl,
  sandboxPlatformConfig,
  startUpstreamSandbox,
} from '@platform-portal/plugin-platform-backend/testUtils';
import request from 'supertest';

// One test climbs the eleven phases in order, each on the state the last one
// left, so it cannot be split: 18 s on an idle machine, 112 s on a busy one.
jest.setTimeout(360_000);

const databases = platformTestDatabases();
const CLUSTER = 'prod-eu-3';

describe.each(databases.eachSupportedId())(
  'a cluster provisioned through the Cluster API climbs the build-out on %s',
  databaseId => {
    let sandbox: Sandbox;
    let server: any;
    const capture = captureScheduler();
    let stopBackend: () => Promise<void>;

    const readinessOf = async (): Promise<ClusterReadinessResponse> => {
      await capture.refreshHealth();
      const res = await request(server).get(
        `/api/platform/readiness/${CLUSTER}`,
      );
      expect(res.status).toBe(200);
      return res.body;
    };

    beforeAll(async () => {
      sandbox = await startUpstreamSandbox();
      // The platform team runs the cluster-create template's action.
      await createClusterAction(actionSetup(sandbox)).handler(
        contextFor(
          {
            name: CLUSTER,
            managementCluster: 'mgmt',
            environment: 'production',
            region: 'eu-north',
            version: 'v1.33.4',
            controlPlaneReplicas: 3,
            workerReplicas: 3,
          },
          { user: userOf('alice', ['platform-team']) },
        ).ctx,
      );
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
          capture.module,
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

    /** Moves simulated time on a minute at a time, so controllers act as often as in real time. */
    const advanceMinutes = async (minutes: number) => {
      for (let minute = 0; minute < minutes; minute++) {
        await sandboxControl(sandbox, 'POST', '/time/advance', { ms: 60_000 });
      }
    };

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

      // As the control-plane provider does, the sandbox keeps the new cluster's kubeconfig in mgmt.
      expect(
        sandbox.fleet
          .cluster('mgmt')!
          .store.get('secrets', 'clusters', `${CLUSTER}-kubeconfig`),
      ).toBeDefined();

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
