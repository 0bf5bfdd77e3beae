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
import {
  ClusterHealthResponse,
  HealthCheckResult,
} from '@platform-portal/plugin-platform-common';
import request from 'supertest';
import { platformPlugin } from './plugin';
import { captureScheduler } from './__testUtils__/captureScheduler';
import { sandboxPlatformConfig } from './__testUtils__/sandboxPlatformConfig';
import { startUpstreamSandbox } from './__testUtils__/startUpstreamSandbox';
import { platformTestDatabases } from './__testUtils__/testDatabases';

jest.setTimeout(120_000);

describe('the runbook step each failing check calls for', () => {
  const databases = platformTestDatabases();
  let sandbox: Sandbox;
  let server: any;
  const { module: schedulerCapture, refreshHealth } = captureScheduler();
  let stopBackend: () => Promise<void>;

  const checks = async (cluster: string): Promise<HealthCheckResult[]> => {
    const res = await request(server).get(`/api/platform/health/${cluster}`);
    expect(res.status).toBe(200);
    return (res.body as ClusterHealthResponse).layers.flatMap(l => l.checks);
  };

  beforeAll(async () => {
    sandbox = await startUpstreamSandbox();
    const knex = await databases.init('SQLITE_3');
    const backend = await startTestBackend({
      features: [
        platformPlugin,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: sandboxPlatformConfig(sandbox),
        }),
        schedulerCapture,
      ],
    });
    server = backend.server;
    stopBackend = () => backend.stop();
    await refreshHealth();
  });

  afterAll(async () => {
    await stopBackend?.();
    await sandbox?.stop();
  });

  it('on staging-1 (Cluster API) replaces the NotReady worker by its Machine on the management cluster, never with kubeadm join', async () => {
    const all = await checks('staging-1');
    const workers = all.find(c => c.id === 'hardware.workers-ready')!;
    expect(workers.verdict).toBe('critical');
    expect(workers.remediation).toMatchObject({
      runbook: 'remove-node',
      step: 1,
      provisioner: 'cluster-api',
      commands: ['kubectl cordon staging-1-md-0-2'],
    });
    // The Cluster API namespace the provisioning checks read fills the
    // hardware layer's steps too.
    expect(workers.remediation!.values['capi-namespace']).toBe('clusters');
    const capi = all.find(c => c.id === 'provisioning.cluster-api')!;
    expect(capi.remediation?.commands).toContain(
      'kubectl --context mgmt -n clusters delete machine <machine>',
    );
    const commands = all.flatMap(c => c.remediation?.commands ?? []);
    expect(commands.join('\n')).not.toMatch(/kubeadm (join|token)/);
    // OK checks link to no remediation.
    const ok = all.filter(c => c.verdict === 'ok');
    expect(ok.length).toBeGreaterThan(10);
    expect(ok.filter(c => c.remediation)).toEqual([]);
  });

  it('on prod-eu-2 names the stuck certificate and its namespace in the step’s commands', async () => {
    const certificates = (await checks('prod-eu-2')).find(
      c => c.id === 'security.certificates',
    )!;
    expect(certificates.verdict).not.toBe('ok');
    expect(certificates.remediation).toMatchObject({
      runbook: 'certificate-renewal-stuck',
      step: 1,
      provisioner: 'cluster-api',
    });
    expect(certificates.remediation!.commands).toContain(
      'kubectl describe certificate payments-api-tls -n payments',
    );
  });
});
