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

import { Sandbox } from '@platform-portal/platform-sandbox';
import {
  actionSetup,
  contextFor,
  revisionOf,
  startTestSandbox,
  whileTicking,
} from '../../__testUtils__/sandboxSupport';
import { createVolumeAction } from './createVolumeAction';

const CLUSTER = 'prod-eu-1';

describe('platform:volume:create', () => {
  let sandbox: Sandbox;
  let setup: ReturnType<typeof actionSetup>;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(() => sandbox.stop());
  beforeEach(() => {
    setup = actionSetup(sandbox);
  });

  const store = () => sandbox.fleet.cluster(CLUSTER)!.store;
  const input = (name: string, extra: Record<string, unknown> = {}) => ({
    cluster: CLUSTER,
    namespace: 'payments',
    team: 'team-payments',
    name,
    size: '20Gi',
    replicas: 3,
    ...extra,
  });

  it('creates a Longhorn claim and waits until it is Bound', async () => {
    const { ctx, outputs } = contextFor(input('cache'));
    await whileTicking(sandbox, createVolumeAction(setup).handler(ctx));
    const claim = store().get('persistentvolumeclaims', 'payments', 'cache')!;
    expect(claim.spec).toMatchObject({
      storageClassName: 'longhorn',
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '20Gi' } },
    });
    expect((claim.status as any).phase).toBe('Bound');
    expect(outputs).toMatchObject({
      claimName: 'cache',
      storageClass: 'longhorn',
      volumeName: (claim.spec as any).volumeName,
    });
  });

  it('is a no-op when run twice', async () => {
    await whileTicking(
      sandbox,
      createVolumeAction(setup).handler(contextFor(input('again')).ctx),
    );
    const { ctx, outputs } = contextFor(input('again'));
    await whileTicking(sandbox, createVolumeAction(setup).handler(ctx));
    expect(outputs.objects).toEqual(['PersistentVolumeClaim again: unchanged']);
  });

  it('refuses sizes, replica counts and names it cannot honour, without writing', async () => {
    const before = revisionOf(sandbox, CLUSTER);
    const handler = createVolumeAction(setup).handler;
    await expect(
      handler(contextFor(input('big', { size: '501Gi' })).ctx),
    ).rejects.toThrow('size: must be at most 500Gi');
    await expect(
      handler(contextFor(input('odd', { size: '1.5Gi' })).ctx),
    ).rejects.toThrow('size: must be a whole number of GiB');
    await expect(
      handler(contextFor(input('two', { replicas: 2 })).ctx),
    ).rejects.toThrow('replicas: 2 is not offered; choose 3');
    await expect(handler(contextFor(input('Bad_Name')).ctx)).rejects.toThrow(
      'name: "Bad_Name" is not a lowercase RFC 1123 label',
    );
    // An existing claim the portal did not create for this team.
    await expect(handler(contextFor(input('payments-db')).ctx)).rejects.toThrow(
      'PersistentVolumeClaim "payments-db" already exists in payments and is not managed for team-payments',
    );
    expect(revisionOf(sandbox, CLUSTER)).toBe(before);
  });

  it('dry run changes nothing', async () => {
    const before = revisionOf(sandbox, CLUSTER);
    await createVolumeAction(setup).handler(
      contextFor(input('dry'), { isDryRun: true }).ctx,
    );
    expect(revisionOf(sandbox, CLUSTER)).toBe(before);
  });
});
