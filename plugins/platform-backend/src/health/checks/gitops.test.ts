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

import { checkContext } from '../../__testUtils__/checkContext';
import { gitopsChecks } from './gitops';

const applications = gitopsChecks.find(c => c.id === 'gitops.applications')!;

function app(name: string, sync: string, health: string, phase = 'Succeeded') {
  return {
    kind: 'Application',
    metadata: { name, namespace: 'argocd' },
    status: {
      sync: { status: sync },
      health: { status: health },
      operationState: { phase },
    },
  };
}

describe('gitops.applications', () => {
  it('is ok when all are Synced and Healthy', async () => {
    const result = await applications.run(
      checkContext({ Application: [app('a', 'Synced', 'Healthy')] }),
    );
    expect(result.verdict).toBe('ok');
  });

  it('warns about OutOfSync', async () => {
    const result = await applications.run(
      checkContext({
        Application: [
          app('a', 'Synced', 'Healthy'),
          app('b', 'OutOfSync', 'Healthy'),
        ],
      }),
    );
    expect(result.verdict).toBe('warning');
    expect(result.evidence).toEqual([
      expect.objectContaining({
        object: 'Application/argocd/b',
        value: 'OutOfSync',
      }),
    ]);
  });

  it.each([
    ['Degraded', 'Succeeded'],
    ['Missing', 'Succeeded'],
    ['Healthy', 'Failed'],
  ])('is critical for health %s with operation %s', async (health, phase) => {
    const result = await applications.run(
      checkContext({ Application: [app('a', 'Synced', health, phase)] }),
    );
    expect(result.verdict).toBe('critical');
  });
});
