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

import { randomBytes } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BackendReplica } from './__testUtils__/BackendReplica';
import { httpJson, httpRequest, waitFor } from './__testUtils__/httpRequest';
import {
  productionEnv,
  removeRunData,
  describeOnServices,
  freshLogDir,
  productionConfigs,
  writeTestOverlay,
} from './__testUtils__/replicaServices';
import { SandboxProcess } from './__testUtils__/SandboxProcess';

/*
 * A scaffolder task on two replicas of the production backend (one
 * PostgreSQL): the replica running it is killed mid-step, the other finds
 * the task stale (scaffolder.taskRecovery in app-config.production.yaml) and
 * finishes it. Loopback ports 7325-7329 only.
 */
const PORTS = {
  sandbox: { port: 7325, controlPort: 7326 },
  replicas: [7328, 7329],
};
const CLUSTER = 'prod-eu-1';
const TEMPLATE = 'template:default/platform-namespace';
// Slow enough that the namespace step is still applying when the kill comes.
const SLOW_KUBERNETES_MS = 1_500;

interface TaskResult {
  status: string;
  eventTypes: string[];
  messages: string[];
}

describeOnServices('scaffolder task recovery across replicas', svc => {
  const runId = randomBytes(4).toString('hex');
  let dir: string;
  let logDir: string;
  let sandbox: SandboxProcess;
  let replicas: BackendReplica[] = [];
  let userAuth: Record<string, string>;

  /** A user token from guest sign-in, which the test overlay allows. */
  async function signInAsGuest(replica: BackendReplica) {
    const answer = await httpJson(`${replica.url}/api/auth/guest/refresh`, {
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    });
    return { authorization: `Bearer ${answer.backstageIdentity.token}` };
  }

  function namespaceValues(namespace: string) {
    return {
      cluster: `resource:default/${CLUSTER}`,
      owner: 'group:default/team-payments',
      namespace,
      size: 'M',
      allowSameNamespace: true,
      allowIngressFromGateway: true,
      allowDnsEgress: false,
    };
  }

  async function startTask(
    replica: BackendReplica,
    namespace: string,
  ): Promise<string> {
    const created = await httpJson(`${replica.url}/api/scaffolder/v2/tasks`, {
      method: 'POST',
      headers: userAuth,
      body: { templateRef: TEMPLATE, values: namespaceValues(namespace) },
    });
    return created.id;
  }

  async function waitForTaskEnd(
    replica: BackendReplica,
    taskId: string,
  ): Promise<TaskResult> {
    const status = await waitFor(
      `task ${taskId} to end`,
      async () => {
        const task = await httpJson(
          `${replica.url}/api/scaffolder/v2/tasks/${taskId}`,
          { headers: userAuth },
        );
        return ['completed', 'failed', 'cancelled'].includes(task.status)
          ? (task.status as string)
          : undefined;
      },
      { timeoutMs: 240_000, intervalMs: 1_000 },
    );
    const events: Array<{ type: string; body: { message?: string } }> =
      await httpJson(
        `${replica.url}/api/scaffolder/v2/tasks/${taskId}/events`,
        { headers: userAuth },
      );
    return {
      status,
      eventTypes: events.map(e => e.type),
      messages: events.map(e => e.body.message ?? ''),
    };
  }

  /**
   * The replica that claimed the task (either may): the one whose log shows
   * the action writing the namespace.
   */
  async function replicaRunning(namespace: string): Promise<BackendReplica> {
    const line = `Namespace ${namespace} on cluster ${CLUSTER}:`;
    return waitFor(`a replica to write namespace ${namespace}`, async () =>
      replicas.find(r =>
        readFileSync(r.process.logFile, 'utf8').includes(line),
      ),
    );
  }

  async function writesToCluster(): Promise<number> {
    return (
      (await sandbox.countersByCluster())[CLUSTER]?.['kubernetes:patch'] ?? 0
    );
  }

  /**
   * What the cluster holds for a namespace, as the admin reads it through
   * the Kubernetes API: the namespace and every object of the kinds the
   * action writes, without what the API server sets itself, the
   * namespace's name replaced so two namespaces compare.
   */
  async function clusterState(namespace: string) {
    const { url, ca, token } = sandbox.kubernetesAdmin(CLUSTER);
    const headers = { authorization: `Bearer ${token}` };
    const get = (path: string) => httpJson(`${url}${path}`, { headers, ca });
    const strip = (object: any) => {
      const {
        uid,
        resourceVersion,
        creationTimestamp,
        managedFields,
        generation,
        ...metadata
      } = object.metadata;
      const { status, ...rest } = object;
      return JSON.parse(
        JSON.stringify({ ...rest, metadata }).replaceAll(
          namespace,
          '<namespace>',
        ),
      );
    };
    const lists = await Promise.all(
      [
        `/api/v1/namespaces/${namespace}/resourcequotas`,
        `/api/v1/namespaces/${namespace}/limitranges`,
        `/apis/rbac.authorization.k8s.io/v1/namespaces/${namespace}/rolebindings`,
        `/apis/cilium.io/v2/namespaces/${namespace}/ciliumnetworkpolicies`,
      ].map(async path => {
        const list = await get(path);
        return list.items.map((item: any) => ({
          kind: item.kind ?? list.kind.replace(/List$/, ''),
          ...strip(item),
        }));
      }),
    );
    return {
      namespace: strip(await get(`/api/v1/namespaces/${namespace}`)),
      objects: lists.flat(),
    };
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'platform-portal-recovery-'));
    logDir = freshLogDir('scaffolder-recovery');
    sandbox = await SandboxProcess.started({ ...PORTS.sandbox, dir, logDir });

    const techdocsDir = join(dir, 'techdocs');
    mkdirSync(techdocsDir);
    const overlay = join(dir, 'app-config.test.json');
    writeTestOverlay(overlay, {
      runId,
      token: randomBytes(24).toString('base64url'),
      techdocsDir,
      shutdownDelaySeconds: 1,
    });
    // A signed-in user starts the task: guest sign-in stands in for OIDC.
    const signIn = join(dir, 'app-config.guest.json');
    writeFileSync(
      signIn,
      JSON.stringify({
        auth: {
          providers: { guest: { dangerouslyAllowOutsideDevelopment: true } },
        },
      }),
    );
    const env = productionEnv(svc, {
      publicUrl: `http://127.0.0.1:${PORTS.replicas[0]}`,
      secret: randomBytes(24).toString('base64url'),
    });
    replicas = PORTS.replicas.map(
      port =>
        new BackendReplica(port, {
          configs: productionConfigs(sandbox.appConfig, overlay, signIn),
          env,
          dir,
          logDir,
        }),
    );
    // One after the other: the first one runs the migrations.
    for (const replica of replicas) {
      replica.start();
      await replica.waitUntilReady();
    }
    userAuth = await signInAsGuest(replicas[0]);
    await waitFor(
      `the catalog to hold ${TEMPLATE}`,
      async () =>
        (
          await httpRequest(
            `${replicas[0].url}/api/catalog/entities/by-name/template/default/platform-namespace`,
            { headers: userAuth },
          )
        ).status === 200 || undefined,
      { timeoutMs: 180_000, intervalMs: 1_000 },
    );
  }, 600_000);

  afterAll(async () => {
    await Promise.all(replicas.map(r => r.process.kill().catch(() => {})));
    await sandbox?.process.kill();
    if (dir) {
      await removeRunData(svc, runId);
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('a task whose replica is killed mid-step is finished by the other replica, leaving what an uninterrupted run leaves', async () => {
    const steady = await waitForTaskEnd(
      replicas[0],
      await startTask(replicas[0], 'recovery-steady'),
    );
    expect(steady.status).toBe('completed');

    await sandbox.setBehaviour({
      upstream: 'kubernetes',
      cluster: CLUSTER,
      latencyMs: SLOW_KUBERNETES_MS,
    });
    const writesBefore = await writesToCluster();
    const taskId = await startTask(replicas[0], 'recovery-killed');
    const runner = await replicaRunning('recovery-killed');
    const survivor = replicas.find(r => r !== runner)!;
    // Killed once the namespace is written and the next object is on its way.
    await waitFor(
      'the task to be mid-step',
      async () => (await writesToCluster()) >= writesBefore + 2 || undefined,
      { intervalMs: 100 },
    );
    await runner.process.kill();
    const writesAtKill = await writesToCluster();
    await sandbox.clearBehaviour();
    // Half written: the other replica takes over only once the task is stale.
    const halfWritten = await clusterState('recovery-killed');

    const recovered = await waitForTaskEnd(survivor, taskId);
    expect(recovered.status).toBe('completed');
    expect(recovered.eventTypes).toContain('recovered');
    // The survivor wrote again after the kill: it ran the step, not a copy of its end.
    expect(await writesToCluster()).toBeGreaterThan(writesAtKill);
    expect(recovered.messages.filter(m => /error|failed/i.test(m))).toEqual([]);

    const [uninterrupted, interrupted] = await Promise.all([
      clusterState('recovery-steady'),
      clusterState('recovery-killed'),
    ]);
    expect(uninterrupted.objects.length).toBeGreaterThan(3);
    expect(halfWritten.objects.length).toBeLessThan(
      uninterrupted.objects.length,
    );
    expect(interrupted).toEqual(uninterrupted);
  }, 600_000);
});
